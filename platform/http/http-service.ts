import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServiceOptions {
  /** 0 takes a free port. */
  port: number;
  host?: string;
  /** Exact paths (without query) to handlers; anything else answers 404. */
  routes: Record<string, RequestHandler>;
  /** Called when a handler throws; the client gets a bare 500 without details. */
  onError?: (error: unknown) => void;
}

/** A listening service with the handle its owner needs to stop it. */
export interface HttpService {
  readonly url: string;
  readonly port: number;
  /** Stops taking connections, lets requests in flight finish, then closes idle sockets. */
  close(): Promise<void>;
}

export async function startHttpService(options: HttpServiceOptions): Promise<HttpService> {
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 60_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = options.routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still open after a grace period is cut.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 5_000).unref();
      }),
  };
}

/** `GET /healthz`: the process is up and serving. */
export const healthz: RequestHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
};
