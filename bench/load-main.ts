import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** What the load generator is asked to do; written to a file by the orchestrator. */
export interface LoadPlan {
  url: string;
  /** The GraphQL request body sent every time. */
  body: string;
  /** Bearer tokens (or raw header values, see `header`) rotated per request so many principals are in play; none sends no header (anonymous). */
  credentials: string[];
  /** Where in `credentials` to start (the harness carries on from the previous run). */
  offset?: number;
  /** The header the credential goes in; default `authorization` with `Bearer `. */
  header?: string;
  connections: number;
  durationSec: number;
  /** A steady rate (requests per second, all connections together); absent means as fast as possible. */
  overallRate?: number;
}

/** The numbers the orchestrator reads back. Latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Transport errors, timeouts, non-2xx answers and answers carrying GraphQL `errors`, together (a refused answer may count twice). */
  errors: number;
  /** Answers that came back 2xx without GraphQL `errors`: the dashboards served whole. */
  whole: number;
  /** The `extensions.code`s of the answers that carried errors, counted once per answer and code. */
  errorCodes: Record<string, number>;
}

/**
 * The load generator, in a process of its own so its CPU is not charged to what it measures.
 * `node load-main.js <plan.json>` prints one line, `result <json>`.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadPlan;
  const header = plan.header ?? 'authorization';
  const value = (credential: string): string => (header === 'authorization' ? `Bearer ${credential}` : credential);
  let next = plan.offset ?? 0;
  let whole = 0;
  const errorCodes: Record<string, number> = {};
  const tally = (status: number, body: string): void => {
    if (status >= 200 && status < 300 && !body.includes('"errors"')) {
      whole++;
      return;
    }
    const codes = new Set(Array.from(body.matchAll(/"code":"([A-Z_]+)"/g), (m) => m[1] as string));
    if (codes.size === 0) codes.add(`HTTP_${status}`);
    for (const code of codes) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  };
  const result = await autocannon({
    url: plan.url,
    method: 'POST',
    connections: plan.connections,
    duration: plan.durationSec,
    ...(plan.overallRate ? { overallRate: plan.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: plan.body,
        setupRequest: (request) => {
          if (plan.credentials.length === 0) return request;
          const credential = plan.credentials[next++ % plan.credentials.length] as string;
          return { ...request, headers: { ...request.headers, [header]: value(credential) } };
        },
        onResponse: (status, body) => tally(status, String(body ?? '')),
      },
    ],
    // An answer with GraphQL errors is a failed dashboard, though HTTP says 200.
    verifyBody: (body) => !String(body ?? '').includes('"errors"'),
  });
  const out: LoadResult = {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx + (result as unknown as { mismatches: number }).mismatches,
    whole,
    errorCodes,
  };
  process.stdout.write(`result ${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`load generator failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
