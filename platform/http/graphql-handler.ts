import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Tracer } from '@opentelemetry/api';
import { type RequestScopeInit, runInRequestScope, updateRequestScope } from '../request-scope';
import { inServerSpan } from '../telemetry';
import { type AdmissionControl, type PriorityRules, queueDelayServerTiming, refuseOverloaded, requestPriority } from './admission';

/** Largest request body accepted; GraphQL operations are small, and a huge body is an attack. */
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /**
   * Chooses the server once the request is admitted, when one endpoint serves several graphs (the
   * gateway's contract variants, by caller). Absent: `server`.
   */
  serverFor?: (req: IncomingMessage) => Promise<ApolloServer<TContext>>;
  /** Builds the per-request context; may throw a GraphQLError with `extensions.http.status`. */
  context: (req: IncomingMessage) => Promise<TContext>;
  maxBodyBytes?: number;
  /**
   * What the request scope should carry once the context is built: the request id, the deadline
   * and the principal's cache key. Every resolver and legacy call of the request runs inside the
   * scope, so the shared transport finds them there without each adapter passing them on. Absent:
   * the scope stays empty (no deadline beyond each call's own, nothing cached per principal).
   */
  requestScope?: (context: TContext) => RequestScopeInit;
  /**
   * The service's admission control: each request is judged once its body is read and decoded,
   * before the document is parsed and before any credential is verified, and refused at once with
   * 503 when the service is at its limit for the request's priority. Absent: everything is taken.
   */
  admission?: AdmissionControl;
  /** What the priority of a request sent by persisted-query id depends on (the gateway's trusted documents). */
  priority?: PriorityRules;
  /**
   * Report the process's standing queueing delay on every admitted answer (`Server-Timing:
   * queue;dur=…`), for a caller that adapts its own limit to it: a subgraph tells the gateway.
   * Default false.
   */
  reportQueueDelay?: boolean;
  /**
   * Traces each request as a server span, the child of the caller's `traceparent`; the rest of the
   * request (its plugins, fetches and legacy calls) runs inside it. Absent (tracing off): no span.
   */
  tracer?: Tracer;
}

export class PayloadTooLargeError extends Error {}

/**
 * Serves an Apollo Server on node's own `http`: the integration Apollo documents for frameworks,
 * without a framework in between.
 */
export function graphqlHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { tracer } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw: string;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        res.writeHead(413, { 'content-type': 'application/json' }).end('{"errors":[{"message":"request body too large","extensions":{"code":"BAD_REQUEST"}}]}');
        return;
      }
      throw error;
    }
    let body: unknown = raw;
    const contentType = req.headers['content-type'] ?? '';
    if (raw.length > 0 && contentType.includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"request body is not valid JSON","extensions":{"code":"BAD_REQUEST"}}]}');
        return;
      }
    }
    const permit = options.admission?.tryAcquire(requestPriority(body, options.priority));
    if (options.admission && !permit) {
      refuseOverloaded(req, res, options.admission.retryAfterSeconds);
      return;
    }
    if (options.admission && options.reportQueueDelay) res.setHeader('server-timing', queueDelayServerTiming(options.admission.queueDelayMs()));
    try {
      const server = options.serverFor ? await options.serverFor(req) : options.server;
      await execute(server, options, req, res, body);
    } finally {
      permit?.release();
    }
  };
  if (!tracer) return handle;
  return (req: IncomingMessage, res: ServerResponse): Promise<void> => inServerSpan(tracer, (req.url ?? '/').split('?')[0] ?? '/', req, res, () => handle(req, res));
}

/** Hands the decoded request to Apollo Server inside a request scope and writes its answer. */
async function execute<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: GraphQLHandlerOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/';
  // The scope spans execution and the response's plugins (they report what was served stale).
  await runInRequestScope({}, async (scope) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.includes('?') ? url.slice(url.indexOf('?')) : '', body },
      context: async () => {
        const context = await options.context(req);
        if (options.requestScope) updateRequestScope(scope, options.requestScope(context));
        return context;
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
