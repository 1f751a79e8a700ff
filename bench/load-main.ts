import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { sendOnSchedule } from './open-loop';
import { percentile } from './stats';

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
  /** Closed loop: the connections that each ask again once answered. At a rate: the most sockets the open loop may use. */
  connections: number;
  durationSec: number;
  /**
   * A steady rate (requests per second, all connections together), offered open-loop and evenly
   * spaced (`open-loop.ts`); absent means a closed loop, as fast as answers come back.
   */
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
  /** Answers not served whole, and requests with no answer (closed loop: autocannon's count, in which a refused answer may count twice). */
  errors: number;
  /** Answers that came back 2xx without GraphQL `errors`: the dashboards served whole. */
  whole: number;
  /** The `extensions.code`s of the answers that carried errors, counted once per answer and code. */
  errorCodes: Record<string, number>;
}

/** How the answers went: whole, or counted by the codes they carried. */
class Tally {
  whole = 0;
  errors = 0;
  readonly errorCodes: Record<string, number> = {};

  add(status: number, body: string): void {
    if (status >= 200 && status < 300 && !body.includes('"errors"')) {
      this.whole++;
      return;
    }
    this.errors++;
    const codes = new Set(Array.from(body.matchAll(/"code":"([A-Z_]+)"/g), (m) => m[1] as string));
    if (codes.size === 0) codes.add(`HTTP_${status}`);
    for (const code of codes) this.errorCodes[code] = (this.errorCodes[code] ?? 0) + 1;
  }

  /** A request that got no answer at all (the connection failed or timed out). */
  lost(): void {
    this.errors++;
    this.errorCodes.NO_ANSWER = (this.errorCodes.NO_ANSWER ?? 0) + 1;
  }
}

/**
 * The load generator, in a process of its own so its CPU is not charged to what it measures.
 * `node load-main.js <plan.json>` prints one line, `result <json>`.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadPlan;
  const out = plan.overallRate ? await openLoop(plan, plan.overallRate) : await closedLoop(plan);
  process.stdout.write(`result ${JSON.stringify(out)}\n`);
}

/** The next request's credential header, rotating through the plan's credentials (none: no header). */
function credentialHeaders(plan: LoadPlan): () => Record<string, string> {
  const name = plan.header ?? 'authorization';
  let next = plan.offset ?? 0;
  return () => {
    if (plan.credentials.length === 0) return {};
    const credential = plan.credentials[next++ % plan.credentials.length] as string;
    return { [name]: name === 'authorization' ? `Bearer ${credential}` : credential };
  };
}

/** A rate offered on schedule, whatever comes back; latency from the moment each request left. */
async function openLoop(plan: LoadPlan, rate: number): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: plan.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const credentials = credentialHeaders(plan);
  const tally = new Tally();
  const latencies: number[] = [];
  const send = async (): Promise<void> => {
    const sentAt = performance.now();
    try {
      const res = await request(plan.url, {
        dispatcher,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...credentials() },
        body: plan.body,
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      const body = await res.body.text();
      latencies.push(performance.now() - sentAt);
      tally.add(res.statusCode, body);
    } catch {
      latencies.push(performance.now() - sentAt);
      tally.lost();
    }
  };
  const { sent } = await sendOnSchedule([{ rate, durationSec: plan.durationSec }], send);
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: sent,
    rps: Math.round((sent / plan.durationSec) * 10) / 10,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    errors: tally.errors,
    whole: tally.whole,
    errorCodes: tally.errorCodes,
  };
}

/** Connections that each ask again as soon as they are answered: as fast as the system goes. */
async function closedLoop(plan: LoadPlan): Promise<LoadResult> {
  const credentials = credentialHeaders(plan);
  const tally = new Tally();
  const result = await autocannon({
    url: plan.url,
    method: 'POST',
    connections: plan.connections,
    duration: plan.durationSec,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: plan.body,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...credentials() } }),
        onResponse: (status, body) => tally.add(status, String(body ?? '')),
      },
    ],
    // An answer with GraphQL errors is a failed dashboard, though HTTP says 200.
    verifyBody: (body) => !String(body ?? '').includes('"errors"'),
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx + (result as unknown as { mismatches: number }).mismatches,
    whole: tally.whole,
    errorCodes: tally.errorCodes,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`load generator failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
