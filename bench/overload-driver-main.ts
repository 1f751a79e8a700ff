import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { isRegisteredCode } from '../platform/errors';
import { sendOnSchedule } from './open-loop';
import type { OverloadPhaseResult, OverloadPlan, OverloadResult } from './overload-plan';
import { percentile } from './stats';

interface Outcome {
  phase: number;
  sentAtMs: number;
  latencyMs: number;
  kind: 'served' | 'refused' | 'failed';
  refusalWellFormed: boolean;
  code?: string;
}

/**
 * An open-loop load generator: requests leave on schedule whatever the system answers, as a city's
 * clients do, so an overloaded system cannot slow its own load down (autocannon's connections
 * wait for answers, and so measure less than was offered). Each answer is kept with its status,
 * latency, `Retry-After` and code. `node overload-driver-main.js <plan.json>` prints
 * `result <json>`.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as OverloadPlan;
  // Enough sockets that the generator never queues a request of its own.
  const dispatcher = new Agent({ connections: 1024, pipelining: 1, keepAliveTimeout: 30_000 });
  const outcomes: Outcome[] = [];
  let next = plan.offset ?? 0;
  const origin = performance.now();

  const send = (phase: number): Promise<void> => {
    const credential = plan.credentials[next++ % plan.credentials.length] as string;
    const sentAt = performance.now();
    return request(plan.url, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: plan.body,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    })
      .then(async (res) => {
        const text = await res.body.text();
        const latencyMs = performance.now() - sentAt;
        const sentAtMs = sentAt - origin;
        if (res.statusCode === 503 || res.statusCode === 429) {
          const code = codeOf(text);
          const retryAfter = res.headers['retry-after'];
          outcomes.push({
            phase,
            sentAtMs,
            latencyMs,
            kind: 'refused',
            code: code ?? '(none)',
            refusalWellFormed: typeof retryAfter === 'string' && /^\d+$/.test(retryAfter) && isRegisteredCode(code),
          });
          return;
        }
        const whole = res.statusCode === 200 && !text.includes('"errors"');
        outcomes.push({ phase, sentAtMs, latencyMs, kind: whole ? 'served' : 'failed', refusalWellFormed: false });
      })
      .catch(() => void outcomes.push({ phase, sentAtMs: sentAt - origin, latencyMs: performance.now() - sentAt, kind: 'failed', refusalWellFormed: false }));
  };

  const schedule = await sendOnSchedule(plan.phases, send);
  const phaseStarts = schedule.phaseStartsMs.map((start) => start - origin);
  await dispatcher.close();

  const phases: OverloadPhaseResult[] = plan.phases.map((phase, index) =>
    summarise(
      phase.name,
      phase.rate,
      phase.durationSec,
      phaseStarts[index] ?? 0,
      outcomes.filter((o) => o.phase === index),
    ),
  );
  const result: OverloadResult = { phases, requests: next - (plan.offset ?? 0) };
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
}

function summarise(name: string, rate: number, durationSec: number, startMs: number, outcomes: Outcome[]): OverloadPhaseResult {
  const sorted = (kind: Outcome['kind']) =>
    outcomes
      .filter((o) => o.kind === kind)
      .map((o) => o.latencyMs)
      .sort((a, b) => a - b);
  const served = sorted('served');
  const refused = sorted('refused');
  const refusals = outcomes.filter((o) => o.kind === 'refused');
  const codes: Record<string, number> = {};
  for (const r of refusals) codes[r.code ?? '(none)'] = (codes[r.code ?? '(none)'] ?? 0) + 1;
  const last = refusals.reduce((latest, r) => Math.max(latest, r.sentAtMs), -1);
  return {
    name,
    offeredPerSec: rate,
    servedPerSec: Math.round((served.length / durationSec) * 10) / 10,
    sent: outcomes.length,
    served: served.length,
    failed: outcomes.filter((o) => o.kind === 'failed').length,
    refused: refusals.length,
    refusedWithRetryAfterAndCode: refusals.filter((r) => r.refusalWellFormed).length,
    refusalCodes: codes,
    servedP50: percentile(served, 50),
    servedP99: percentile(served, 99),
    refusedP50: percentile(refused, 50),
    refusedP99: percentile(refused, 99),
    refusedMax: percentile(refused, 100),
    ...(last >= 0 ? { lastRefusalSec: Math.round((last - startMs) / 100) / 10 } : {}),
  };
}

function codeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`overload driver failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
