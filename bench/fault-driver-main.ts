import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { trustedBody } from './dashboard-request';
import { type FaultPlan, type FaultResult, type Phase, RECOVERY_GRACE_SEC } from './fault-plan';
import { percentile } from './stats';

interface HomeMeters {
  me: { homes: Array<{ payerCode: string; meters: Array<{ id: string; kind: string; canSubmitNow: boolean; lastReading: { value: number } | null }> }> | null } | null;
}

async function post<T>(url: string, token: string, body: string): Promise<{ status: number; json: { data?: T; errors?: Array<{ extensions?: { code?: string; system?: string } }> } }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { status: res.statusCode, json: (await res.body.json()) as never };
}

/**
 * Dashboards at a steady rate and meter readings submitted throughout, while simulators are taken
 * down mid-run and brought back: which systems the errors name, and whether every accepted reading
 * reaches the housing system once it is back. Prints `result {...}`.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as FaultPlan;
  // A production gateway runs only published operations, sent by id.
  const graphql = (token: string, operation: 'SubmitMeterReadings' | 'MeterReadingSubmission' | 'HomeMeters', variables?: Record<string, unknown>) =>
    post(plan.gatewayUrl, token, trustedBody(operation, variables));

  // Each submitter's meter and the value they will give, chosen while everything is healthy.
  const submissions: Array<{ token: string; payerCode: string; meterId: string; value: number; key: string }> = [];
  for (const [i, token] of plan.submitterTokens.entries()) {
    const homes = (await graphql(token, 'HomeMeters')).json.data as HomeMeters;
    for (const home of homes.me?.homes ?? []) {
      const meter = home.meters.find((m) => m.canSubmitNow && m.kind === 'COLD_WATER' && m.lastReading);
      if (meter) {
        submissions.push({ token, payerCode: home.payerCode, meterId: meter.id, value: (meter.lastReading?.value ?? 0) + 2, key: `bench-fault-${Date.now()}-${i}` });
        break;
      }
    }
  }

  const started = Date.now();
  const at = (sec: number) => started + sec * 1000;
  const setFaults = (on: boolean) =>
    Promise.all(
      plan.breakUrls.map((url) => request(`${url}/__admin/faults`, on ? { method: 'POST', body: JSON.stringify({ down: true }) } : { method: 'DELETE' }).then((r) => r.body.dump())),
    );
  const phaseOf = (t: number): Phase => (t < at(plan.downAt) ? 'before' : t < at(plan.upAt) ? 'during' : t < at(plan.upAt + RECOVERY_GRACE_SEC) ? 'recovering' : 'after');
  const tally = () => ({ count: 0, failed: 0, latencies: [] as number[] });
  const tallies: Record<Phase, ReturnType<typeof tally>> = { before: tally(), during: tally(), recovering: tally(), after: tally() };
  const errorSystems: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  const submitted: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();

  const downTimer = setTimeout(() => void setFaults(true), at(plan.downAt) - Date.now());
  const upTimer = setTimeout(() => void setFaults(false), at(plan.upAt) - Date.now());
  const submitEvery = Math.max(1, Math.floor((plan.rate * plan.durationSec) / Math.max(1, submissions.length)));
  let nextSubmission = 0;
  const interval = 1000 / plan.rate;
  for (let i = 0, next = Date.now(); Date.now() < at(plan.durationSec); i++, next += interval) {
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = Date.now();
    const phase = phaseOf(t0);
    const token = plan.dashboardTokens[i % plan.dashboardTokens.length] as string;
    const run = post(plan.gatewayUrl, token, plan.dashboardBody).then(
      ({ json }) => {
        const tally = tallies[phase];
        tally.count++;
        tally.latencies.push(Date.now() - t0);
        if (json.errors?.length) {
          tally.failed++;
          for (const e of json.errors) {
            errorSystems[e.extensions?.system ?? '(none)'] = (errorSystems[e.extensions?.system ?? '(none)'] ?? 0) + 1;
            errorCodes[e.extensions?.code ?? '(none)'] = (errorCodes[e.extensions?.code ?? '(none)'] ?? 0) + 1;
          }
        }
      },
      () => void tallies[phase].failed++,
    );
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    if (i % submitEvery === 0 && nextSubmission < submissions.length) {
      const s = submissions[nextSubmission++]!;
      const sub = graphql(s.token, 'SubmitMeterReadings', { input: { payerCode: s.payerCode, readings: [{ meterId: s.meterId, value: s.value }] }, key: s.key }).then(({ json }) => {
        const status =
          (json.data as { submitMeterReadings?: { results: Array<{ status: string }> } } | undefined)?.submitMeterReadings?.results[0]?.status ??
          `error:${json.errors?.[0]?.extensions?.code}`;
        submitted[`${phase}:${status}`] = (submitted[`${phase}:${status}`] ?? 0) + 1;
      });
      inFlight.add(sub);
      void sub.finally(() => inFlight.delete(sub));
    }
  }
  await Promise.all(inFlight);
  clearTimeout(downTimer);
  clearTimeout(upTimer);
  await setFaults(false);

  // Every accepted reading must end DELIVERED, and the housing system must hold it.
  const deadline = Date.now() + plan.drainTimeoutSec * 1000;
  let finalStatuses: Record<string, number> = {};
  for (;;) {
    finalStatuses = {};
    for (const s of submissions) {
      const reply = await graphql(s.token, 'MeterReadingSubmission', { key: s.key });
      const result = (reply.json.data as { meterReadingSubmission?: { results: Array<{ status: string }> } } | undefined)?.meterReadingSubmission?.results[0];
      const status = result?.status ?? 'UNKNOWN';
      finalStatuses[status] = (finalStatuses[status] ?? 0) + 1;
    }
    if (!finalStatuses.QUEUED || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  let heldByHousing = 0;
  for (const s of submissions) {
    const homes = (await graphql(s.token, 'HomeMeters')).json.data as HomeMeters;
    const meter = homes.me?.homes?.flatMap((h) => h.meters).find((m) => m.id === s.meterId);
    if (meter?.lastReading?.value === s.value) heldByHousing++;
  }
  const summary = (t: { count: number; failed: number; latencies: number[] }) => ({
    count: t.count,
    failed: t.failed,
    p50: percentile(
      [...t.latencies].sort((a, b) => a - b),
      50,
    ),
    p99: percentile(
      [...t.latencies].sort((a, b) => a - b),
      99,
    ),
  });
  const result: FaultResult = {
    phases: { before: summary(tallies.before), during: summary(tallies.during), recovering: summary(tallies.recovering), after: summary(tallies.after) },
    errorSystems,
    errorCodes,
    submissions: submissions.length,
    submittedAs: submitted,
    finalStatuses,
    heldByHousing,
    drainedInSec: Math.round((Date.now() - at(plan.durationSec)) / 1000),
  };
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`fault driver failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
