import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import type { Span } from './call-order';
import { endToEndHeaders, type RecordedRequest, type RecordedResponse } from './recorded-dashboards';

/** One exchange that crossed a recording proxy. */
export interface CapturedExchange extends Span {
  /** Which caller-and-service pair it was (`health→emias`, `gateway→school`). */
  route: string;
  /** The request id it carried; calls outside any request (start-up sign-ins) have none. */
  requestId: string | undefined;
  request: RecordedRequest;
  response: RecordedResponse;
}

/**
 * Stands between callers and services and writes down every exchange in full: a listener per
 * caller-and-service pair, so the capture knows who called whom, forwarding to the real service
 * over one keep-alive agent. Times are taken here, on one clock for every route.
 */
export class RecordingProxy {
  readonly captured: CapturedExchange[] = [];
  private readonly servers: Server[] = [];
  private readonly agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

  /** A URL that reaches `target` through the proxy, recorded as `route`. */
  async route(route: string, target: string): Promise<string> {
    const base = new URL(target);
    // The caller keeps the service's base path (a subgraph's `/graphql`): only the origin changes.
    const prefix = base.pathname.replace(/\/$/, '');
    const server = createServer((req, res) => {
      void this.forward(route, base.origin, req).then(
        ({ response }) => {
          res.writeHead(response.status, response.headers).end(response.body);
        },
        () => res.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  }

  /** Forgets what was captured so far (a warm-up's exchanges). */
  clear(): void {
    this.captured.length = 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    for (const s of this.servers) s.closeAllConnections();
    await this.agent.close();
  }

  private async forward(route: string, origin: string, req: IncomingMessage): Promise<CapturedExchange> {
    const start = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const headers = endToEndHeaders(req.headers);
    const answer = await request(`${origin}${path}`, {
      dispatcher: this.agent,
      method: (req.method ?? 'GET') as 'GET',
      headers,
      body: body.length > 0 ? body : undefined,
    });
    const response: RecordedResponse = { status: answer.statusCode, headers: endToEndHeaders(answer.headers), body: await answer.body.text() };
    const requestId = req.headers[REQUEST_ID_HEADER];
    const exchange: CapturedExchange = {
      route,
      requestId: Array.isArray(requestId) ? requestId[0] : requestId,
      request: { method: req.method ?? 'GET', path, headers, body },
      response,
      start,
      end: performance.now(),
    };
    this.captured.push(exchange);
    return exchange;
  }
}
