import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AdjustableClock } from './clock';
import { type FaultRule, type FaultSettings, FaultTable, type MalformedKind, parseFaultRule } from './faults';
import { SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition } from './http-types';
import { Router } from './router';
import { RequestStats } from './stats';

export interface SimulatorOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  /** Shared with the simulator's data so the admin endpoint can move time for both. */
  clock?: AdjustableClock;
  /** Faults in force from the start, such as realistic latency for a benchmark. */
  faults?: FaultRule[];
  /** Who may use `/__admin` (faults, clock, counters). Default `{ kind: 'open' }`: tests and `npm start`. */
  admin?: AdminAccess;
}

/**
 * Who may use a simulator's admin endpoints, which take faults, move the clock and read counters:
 * anyone (development and tests, on loopback), only a caller presenting `Authorization: Bearer
 * <token>`, or nobody (`off`: the routes answer 404 as if they did not exist), as production wants
 * unless an operator configured a token.
 */
export type AdminAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off' };

/** A simulator listening on a port, with handles for tests that run it embedded. */
export interface RunningSimulator {
  readonly system: string;
  readonly url: string;
  readonly port: number;
  readonly clock: AdjustableClock;
  readonly stats: RequestStats;
  readonly faults: FaultTable;
  close(): Promise<void>;
}

const ADMIN_PREFIX = '/__admin';

/** Starts a simulator: its routes, the admin endpoints, fault injection and request counting. */
export async function startSimulator(definition: SimulatorDefinition, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const router = new Router(definition.routes);
  const adminRouter = new Router(definition.adminRoutes ?? []);
  const clock = options.clock ?? new AdjustableClock();
  const stats = new RequestStats();
  const faults = new FaultTable();
  for (const rule of options.faults ?? []) faults.set(rule);
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const server: Server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, text: `internal simulator error: ${(error as Error).message}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const adminAccess = options.admin ?? { kind: 'open' };
  const adminDigest = adminAccess.kind === 'token' ? digest(adminAccess.token) : undefined;
  /** The admin routes' answer to a caller who may not use them, or undefined when they may. */
  function adminRefusal(req: IncomingMessage): SimResponse | undefined {
    if (adminAccess.kind === 'open') return undefined;
    if (adminAccess.kind === 'off' || !adminDigest) return { status: 404, json: { code: 'NOT_FOUND' } };
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests of equal length, in constant time: the answer's timing tells nothing of the token.
    if (presented && timingSafeEqual(digest(presented), adminDigest)) return undefined;
    return { status: 401, headers: { 'www-authenticate': 'Bearer' }, json: { error: 'the admin endpoints need the admin token' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const body = await readBody(req);
    if (url.pathname.startsWith(ADMIN_PREFIX)) return send(res, adminRefusal(req) ?? (await admin(req, url, body)));

    const match = router.match(req.method ?? 'GET', url.pathname);
    const simReq = makeRequest(req, url, body, match?.params ?? {}, clock.now());
    const endpoint = match ? (match.route.name?.(simReq) ?? match.endpoint) : `${req.method} ${url.pathname}`;
    const fault = faults.for(endpoint);

    if (fault.down) {
      req.socket.destroy();
      return;
    }
    const requestId = req.headers['x-request-id'];
    stats.record(endpoint, Array.isArray(requestId) ? requestId[0] : requestId);
    await delay(fault);
    if (fault.hang) {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (fault.errorRate !== undefined && fault.errorRate > 0 && Math.random() < fault.errorRate) {
      const status = fault.status ?? 500;
      return send(res, definition.failure?.(status, endpoint) ?? { status, json: { error: 'simulated failure' } });
    }
    if (!match) return send(res, { status: 404, json: { code: 'NOT_FOUND' } });

    let response: SimResponse;
    try {
      response = await match.route.handle(simReq);
    } catch (error) {
      if (error instanceof SimHttpError) response = { ...error.response, status: error.status };
      else throw error;
    }
    if (fault.malformed) response = garble(response, fault.malformed, match.route.contentType ?? definition.contentType ?? 'application/json');
    send(res, response);
  }

  async function admin(req: IncomingMessage, url: URL, body: Buffer): Promise<SimResponse> {
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname.slice(ADMIN_PREFIX.length)}`;
    try {
      switch (route) {
        case 'GET /stats':
          return { json: { system: definition.system, ...stats.snapshot() } };
        case 'POST /stats/reset':
          stats.reset();
          return { json: { ok: true } };
        case 'GET /faults':
          return { json: faults.snapshot() };
        case 'POST /faults': {
          const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
          const rules = (Array.isArray(parsed) ? parsed : [parsed]).map(parseFaultRule);
          for (const rule of rules) faults.set(rule);
          if (rules.some((rule) => rule.down)) dropOpenConnections();
          return { json: faults.snapshot() };
        }
        case 'DELETE /faults':
          faults.clear();
          releaseHung();
          return { json: faults.snapshot() };
        case 'GET /clock':
          return { json: { now: clock.now().toISOString(), fixed: clock.isFixed() } };
        case 'POST /clock': {
          const parsed = JSON.parse(body.toString('utf8') || '{}') as { now?: unknown };
          if (parsed.now === null || parsed.now === undefined) clock.set(undefined);
          else {
            const instant = new Date(String(parsed.now));
            if (Number.isNaN(instant.getTime())) throw new Error('now must be an ISO-8601 instant or null');
            clock.set(instant);
          }
          return { json: { now: clock.now().toISOString(), fixed: clock.isFixed() } };
        }
        case 'GET /endpoints':
          return { json: { system: definition.system, endpoints: router.endpoints() } };
        default:
          return await systemAdmin(req, url, body, route);
      }
    } catch (error) {
      if (error instanceof SimHttpError) return { ...error.response, status: error.status };
      return { status: 400, json: { error: (error as Error).message } };
    }
  }

  /** One of the definition's own admin helpers, or 404. */
  async function systemAdmin(req: IncomingMessage, url: URL, body: Buffer, route: string): Promise<SimResponse> {
    const match = adminRouter.match(req.method ?? 'GET', url.pathname.slice(ADMIN_PREFIX.length));
    if (!match) return { status: 404, json: { error: `no admin route ${route}` } };
    return match.route.handle(makeRequest(req, url, body, match.params, clock.now()));
  }

  /** A system that goes down drops the connections it had, not only new ones. */
  function dropOpenConnections(): void {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  }

  function releaseHung(): void {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    system: definition.system,
    url: `http://${host}:${address.port}`,
    port: address.port,
    clock,
    stats,
    faults,
    close: async () => {
      await new Promise<void>((resolve) => {
        releaseHung();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await definition.close?.();
    },
  };
}

function makeRequest(req: IncomingMessage, url: URL, body: Buffer, params: Record<string, string>, now: Date): SimRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params,
    query: url.searchParams,
    headers: req.headers,
    body,
    now,
    json() {
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new SimHttpError(400, { json: { error: 'body is not JSON' } });
      }
    },
    form() {
      return new URLSearchParams(body.toString('utf8'));
    },
    cookie(name) {
      const header = req.headers.cookie ?? '';
      for (const part of header.split(';')) {
        const [key, ...rest] = part.trim().split('=');
        if (key === name) return rest.join('=');
      }
      return undefined;
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function delay(fault: FaultSettings): Promise<void> {
  const ms = (fault.latencyMs ?? 0) + (fault.jitterMs ? Math.random() * fault.jitterMs : 0);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function serialize(response: SimResponse): { contentType: string; payload: string } {
  if (response.json !== undefined) {
    return { contentType: response.contentType ?? 'application/json; charset=utf-8', payload: JSON.stringify(response.json) };
  }
  return { contentType: response.contentType ?? 'text/plain; charset=utf-8', payload: response.text ?? '' };
}

function garble(response: SimResponse, kind: MalformedKind, contentType: string): SimResponse {
  const { payload } = serialize(response);
  switch (kind) {
    case 'truncated':
      return { status: 200, contentType, text: payload.slice(0, Math.max(1, Math.floor(payload.length / 2))) };
    case 'html':
      return { status: 200, contentType, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' };
    case 'empty':
      return { status: 200, contentType, text: '' };
    case 'wrong-shape':
      return contentType.includes('xml')
        ? { status: 200, contentType, text: '<?xml version="1.0"?><unexpected><thing>1</thing></unexpected>' }
        : { status: 200, contentType, json: { unexpected: [1, 2, 3] } };
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  const { contentType, payload } = serialize(response);
  res.statusCode = response.status ?? 200;
  res.setHeader('content-type', contentType);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.end(payload);
}
