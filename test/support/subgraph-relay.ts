import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';

/** How a relay answers: passing requests on, or failing the way a broken subgraph does. */
export type RelayMode = 'pass' | 'hang' | 'garbage' | 'bad-gateway';

/**
 * An HTTP relay in front of one subgraph, between it and the gateway under test: it counts and
 * keeps the headers of every request the gateway sends, and can stand in for a subgraph that
 * hangs (accepts, never answers), answers garbage (an HTML page with 200) or answers 502.
 */
export class SubgraphRelay {
  mode: RelayMode = 'pass';
  /** The headers of every request received, oldest first. */
  readonly received: IncomingHttpHeaders[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** Where the gateway should send this subgraph's requests. */
    readonly url: string,
  ) {}

  static async start(target: string): Promise<SubgraphRelay> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const relay = new SubgraphRelay(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
    server.on('connection', (socket) => {
      relay.sockets.add(socket);
      socket.on('close', () => relay.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      relay.received.push(req.headers);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (relay.mode === 'hang') return;
        if (relay.mode === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Temporarily Unavailable</body></html>');
        if (relay.mode === 'bad-gateway') return void res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway');
        const { host: _host, connection: _connection, ...headers } = req.headers;
        request(target, { method: 'POST', headers, body: Buffer.concat(chunks) })
          .then(async (answer) => {
            // What a subgraph says about its load travels on: a refusal's Retry-After, its queueing delay.
            const passed = Object.fromEntries(['retry-after', 'server-timing'].flatMap((name) => (answer.headers[name] === undefined ? [] : [[name, String(answer.headers[name])]])));
            res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json'), ...passed });
            res.end(Buffer.from(await answer.body.arrayBuffer()));
          })
          .catch(() => res.destroy());
      });
    });
    return relay;
  }

  /** Requests received since the last `reset`. */
  get count(): number {
    return this.received.length;
  }

  reset(): void {
    this.received.length = 0;
  }

  /** Stops listening and drops every connection, hanging ones included. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
