import type { IncomingHttpHeaders } from 'node:http';

/** A request as a simulator's route handler sees it: parsed once, bodies read in full. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  /** Named segments of the route pattern (`/persons/:personId`). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The simulator clock's reading when the request arrived. */
  readonly now: Date;
  /** The body as JSON; a body that is not JSON answers 400 before the handler sees it. */
  json(): unknown;
  /** The body as `application/x-www-form-urlencoded`. */
  form(): URLSearchParams;
  cookie(name: string): string | undefined;
}

/** What a handler answers. Exactly one of `json`, `text` is usually set. */
export interface SimResponse {
  status?: number;
  headers?: Record<string, string | string[]>;
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** Thrown by handlers to answer with a status and body in the system's own error shape. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly response: SimResponse,
  ) {
    super(`simulated HTTP ${status}`);
  }
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path with `:name` segments. */
  path: string;
  /**
   * The endpoint name used for stats and faults; defaults to `METHOD path`. JSON-RPC systems
   * refine it with the method, so that each RPC method is counted and broken on its own.
   */
  name?: (req: SimRequest) => string;
  /** The content type this route's garbage claims (a SOAP route on a JSON system); default the system's. */
  contentType?: string;
  handle(req: SimRequest): SimResponse | Promise<SimResponse>;
}

/** One legacy system as a simulator: its routes and the shapes of its failures. */
export interface SimulatorDefinition {
  /** The system's short name, as the graph's errors name it (`emias`, `mesh`, ...). */
  system: string;
  routes: Route[];
  /** The body a failing request answers with, in this system's habit (default: a JSON error). */
  failure?(status: number, endpoint: string): SimResponse;
  /** The content type its garbage claims to be (default `application/json`); a route may override it. */
  contentType?: string;
  /**
   * The system's own admin helpers, served under `/__admin` (paths here are relative to it:
   * `/charges` answers `GET /__admin/charges`) behind the same access as the kit's, and never
   * counted or broken by faults: tests read what a system holds (charges taken, confirmations
   * received) without disturbing what they measure. A kit route of the same name wins.
   */
  adminRoutes?: Route[];
  /** Releases what the system holds besides its server (timers, outgoing connections); awaited on close. */
  close?(): void | Promise<void>;
}
