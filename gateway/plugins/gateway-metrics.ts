import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isErrorCode } from '../../platform/errors';
import type { RequestHandler } from '../../platform/http';
import type { GatewayContext } from '../gateway-context';
import type { FetchObserver } from '../transport';

/** The label every operation name outside the known set shares, so clients cannot mint series. */
export const OTHER_OPERATION = 'other';
/** The label of an error whose code is neither ours nor Apollo Server's. */
export const OTHER_CODE = 'OTHER';

export interface GatewayMetricsOptions {
  /**
   * Operation names that get their own `operation` label: the trusted-documents manifest's. Any
   * other name, and an anonymous operation, is counted as `other`, so the number of series stays
   * bounded whatever clients send.
   */
  operationNames: Iterable<string>;
  /** The `service` label on every series. Default `gateway`. */
  service?: string;
}

/**
 * The gateway's Prometheus metrics and the hooks that feed them. The plugin part sees each
 * GraphQL request; `trackInFlight` wraps the HTTP route, so requests still reading their body or
 * verifying their token count as in flight; `observeSubgraphFetch` is called by the subgraph data
 * source. Labels are operation names from a fixed list, registered error codes, subgraph names
 * and outcomes: never an id, a token or anything a client typed freely.
 */
export interface GatewayMetrics extends ApolloServerPlugin<GatewayContext> {
  /** One registry per gateway, with Node's default process metrics. */
  readonly registry: Registry;
  /** `GET /metrics` in the Prometheus text format. */
  readonly handler: RequestHandler;
  /** Wraps the GraphQL route so the in-flight gauge counts every request until its answer is written. */
  trackInFlight(route: RequestHandler): RequestHandler;
  /** Records one subgraph fetch; the subgraph data sources call it. */
  readonly observeSubgraphFetch: FetchObserver;
  /** Counts one reload of a served graph's supergraph by its outcome. */
  observeSupergraphReload(graph: string, outcome: 'loaded' | 'unchanged' | 'failed'): void;
  /** Records when a served graph began serving the supergraph it serves now. */
  observeSupergraphServed(graph: string, at: Date): void;
}

/** Apollo Server's own codes (parse and validation failures, bad requests) are bounded too. */
const APOLLO_CODES: ReadonlySet<string> = new Set(Object.values(ApolloServerErrorCode));

function codeLabel(code: unknown): string {
  if (isErrorCode(code)) return code;
  return typeof code === 'string' && APOLLO_CODES.has(code) ? code : OTHER_CODE;
}

/** Request latencies: a dashboard is ~0.2–1.5 s at the legacy systems' speeds, the budget 9 s. */
const REQUEST_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 9];
/** A subgraph hop sits under one legacy round trip or a few in parallel. */
const FETCH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `useGatewayMetrics`: request duration by operation and outcome, errors by code, subgraph fetch
 * duration by subgraph and outcome, rate-limit refusals, requests in flight, and supergraph
 * reloads by served graph and outcome.
 */
export function useGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service ?? 'gateway' });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const known = new Set(options.operationNames);

  const duration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'GraphQL requests from start to answer, by operation (names of the trusted-documents manifest; others "other") and outcome (ok, partial: data with errors, error: no data).',
    labelNames: ['operation', 'outcome'],
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'gateway_errors_total',
    help: 'Errors in answers (and requests refused before execution), by registered code; unknown codes count as OTHER.',
    labelNames: ['code'],
    registers,
  });
  const fetches = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches by subgraph and outcome (ok, errors, shed: refused by the subgraph for overload, http_error, timeout, failed).',
    labelNames: ['subgraph', 'outcome'],
    buckets: FETCH_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'gateway_rate_limited_total',
    help: 'Requests refused by the per-address or per-principal rate limit (429).',
    registers,
  });
  const inFlight = new Gauge({
    name: 'gateway_requests_in_flight',
    help: 'GraphQL HTTP requests received and not yet answered.',
    registers,
  });

  const reloads = new Counter({
    name: 'gateway_supergraph_reloads_total',
    help: 'Supergraph reloads (file change, SIGHUP) by served graph (supergraph, or a contract variant) and outcome (loaded; unchanged; failed: the previous supergraph is still served, the log says why).',
    labelNames: ['graph', 'outcome'],
    registers,
  });
  const served = new Gauge({
    name: 'gateway_supergraph_loaded_timestamp_seconds',
    help: 'When each served graph (supergraph, or a contract variant) began serving its current supergraph, in Unix seconds.',
    labelNames: ['graph'],
    registers,
  });

  return {
    registry,

    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    },

    trackInFlight: (route) => async (req, res) => {
      inFlight.inc();
      try {
        await route(req, res);
      } finally {
        inFlight.dec();
      }
    },

    observeSubgraphFetch: (subgraph, outcome, seconds) => {
      fetches.observe({ subgraph, outcome }, seconds);
    },

    observeSupergraphReload: (graph, outcome) => {
      reloads.inc({ graph, outcome });
    },

    observeSupergraphServed: (graph, at) => {
      served.set({ graph }, at.getTime() / 1000);
      // Every outcome exists from the first load, at zero, so an alert on its increase sees the first failure.
      for (const outcome of ['loaded', 'unchanged', 'failed']) reloads.inc({ graph, outcome }, 0);
    },

    // A bad token or a rate limit refuses the request before Apollo starts it.
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      errors.inc({ code: codeLabel(code) });
      if (code === 'RATE_LIMITED') rateLimited.inc();
    },

    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ response, operationName, errors: raised }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const answered = body?.errors ?? raised ?? [];
          for (const error of answered) errors.inc({ code: codeLabel(error.extensions?.code) });
          const hasData = body?.data !== undefined && body.data !== null;
          const outcome = answered.length === 0 ? 'ok' : hasData ? 'partial' : 'error';
          stop({ operation: operationName && known.has(operationName) ? operationName : OTHER_OPERATION, outcome });
        },
      };
    },
  };
}
