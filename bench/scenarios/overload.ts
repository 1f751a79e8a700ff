import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import { criticalPath, ensureCriticalPath, measuredInRun } from '../measured-in-run';
import type { OverloadPhaseResult } from '../overload-plan';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** The ramp that finds the capacity: from this rate, up by this factor a step, to at most this. */
const RAMP = { from: 10, factor: 1.2, ceiling: 600 } as const;

/** How fast a refusal must come back, and how soon after the load drops refusals must stop. */
const REFUSAL_WITHIN_MS = 50;
const RECOVERY_WITHIN_SEC = 5;

/**
 * Overload: the capacity is measured first (an open-loop ramp of dashboards at realistic legacy
 * latencies; the highest rate answered whole, unrefused, with p99 under twice the critical path),
 * then twice that is offered, then the load drops to a third of it. The targets of issue 15:
 * goodput holds at 90% of capacity, what cannot be served is refused within 50 ms with 503 (or
 * 429), Retry-After and a registered code, what is served keeps p99 within three times the
 * critical path, and refusals stop within 5 s of the drop.
 */
export const overload: Scenario = {
  id: 'overload',
  async run(harness, mode) {
    const stepSec = mode === 'full' ? 8 : 4;
    const overloadSec = mode === 'full' ? 30 : 10;
    const recoverySec = 10;
    const backend = await harness.startBackend(realisticLatency());
    await ensureCriticalPath(harness, backend, stepSec);
    const critical = criticalPath().ms;
    const gateway = await harness.startGateway('ours', backend);
    const url = Object.values(gateway.urls)[0]!;
    const body = trustedDashboardBody();
    const credentials = await harness.tokens(dashboardResidents(harness.population, FIRST_VIEW_POOL).map((p) => p.id));
    const rows: Array<Record<string, string | number>> = [];
    const row = (phase: OverloadPhaseResult): Record<string, string | number> => ({
      phase: phase.name,
      'offered/s': fmt.rps(phase.offeredPerSec),
      'served whole/s': fmt.rps(phase.servedPerSec),
      refused: phase.refused,
      'partial or failed': phase.failed,
      'served p50': fmt.ms(phase.servedP50),
      'served p99': fmt.ms(phase.servedP99),
      'refusal p99': phase.refused ? fmt.ms(phase.refusedP99) : '',
    });
    try {
      // Long enough for the JIT and the first collections: a step's p99 is nearly its slowest answer.
      await harness.overloadRun({ url, body, credentials, phases: [{ name: 'warm-up', rate: 20, durationSec: mode === 'full' ? 15 : 6 }] });

      // The ramp: each step judged on its own, stopping after two steps in a row the system did not
      // sustain once one was, or four before any was (a slow answer in a still-cold first step does
      // not end it). A step that served every answer whole and missed only on its p99 is run once
      // more: its p99 is about its fourth-slowest answer, and one pause of a process's loop moves it
      // (in two full runs of nearly the same code, the step at 50/s passed by 2 ms and missed by 7).
      let capacity = 0;
      let misses = 0;
      const runStep = async (rate: number, name: string): Promise<{ step: OverloadPhaseResult; sustained: boolean; onlySlow: boolean } | undefined> => {
        const [step] = (await harness.overloadRun({ url, body, credentials, phases: [{ name, rate, durationSec: stepSec }] })).phases;
        if (!step) return undefined;
        rows.push(row(step));
        const whole = step.refused === 0 && step.failed === 0 && step.servedPerSec >= 0.97 * rate;
        const sustained = whole && step.servedP99 <= 2 * critical;
        process.stderr.write(
          `bench: overload ${name}: served ${fmt.rps(step.servedPerSec)}/s, refused ${step.refused}, partial or failed ${step.failed}, p99 ${fmt.ms(step.servedP99)} (2× critical path ${fmt.ms(2 * critical)}): ${sustained ? 'sustained' : 'not sustained'}\n`,
        );
        return { step, sustained, onlySlow: whole && !sustained };
      };
      for (let rate: number = RAMP.from; rate <= RAMP.ceiling && misses < (capacity > 0 ? 2 : 4); rate = Math.round(rate * RAMP.factor)) {
        let result = await runStep(rate, `ramp ${rate}/s`);
        if (result?.onlySlow) result = await runStep(rate, `ramp ${rate}/s, again`);
        if (!result) break;
        if (result.sustained) capacity = Math.max(capacity, result.step.servedPerSec);
        misses = result.sustained ? 0 : misses + 1;
      }
      if (capacity === 0) throw new Error(`the ramp found no rate the system sustains (critical path ${fmt.ms(critical)}, ${criticalPath().source})`);
      measuredInRun.capacityPerSec = capacity;

      const offered = Math.round(2 * capacity);
      const low = Math.max(1, Math.round(capacity / 3));
      const { phases } = await harness.overloadRun({
        url,
        body,
        credentials,
        phases: [
          { name: `overload: 2 × capacity`, rate: offered, durationSec: overloadSec },
          { name: `after: capacity / 3`, rate: low, durationSec: recoverySec },
        ],
      });
      const [over, after] = phases as [OverloadPhaseResult, OverloadPhaseResult];
      rows.push(row(over), row(after));

      const goodputShare = over.servedPerSec / capacity;
      const malformed = over.refused + after.refused - over.refusedWithRetryAfterAndCode - after.refusedWithRetryAfterAndCode;
      const recovery = after.lastRefusalSec;
      return {
        name: '5. Overload',
        setup: `Open-loop dashboards (published operation, ${FIRST_VIEW_POOL} residents, none seen twice) at realistic latencies, our gateway over the shared backend. Capacity: the highest rate of a ramp (×${RAMP.factor} every ${stepSec} s from ${RAMP.from}/s; a step that missed only on its p99 is run once more, and judged on that) answered whole, unrefused, p99 under twice the critical path (${fmt.ms(critical)}, ${criticalPath().source}): ${fmt.rps(capacity)}/s. Then ${offered}/s for ${overloadSec} s, then ${low}/s for ${recoverySec} s.`,
        rows,
        targets: [
          {
            target: 'goodput under 2× load ≥ 90% of capacity',
            measured: `${fmt.rps(over.servedPerSec)}/s of ${fmt.rps(capacity)}/s (${Math.round(goodputShare * 100)}%)`,
            met: goodputShare >= 0.9,
          },
          {
            target: `refusals within ${REFUSAL_WITHIN_MS} ms (p99)`,
            measured: over.refused ? `p99 ${fmt.ms(over.refusedP99)}, max ${fmt.ms(over.refusedMax)} over ${over.refused}` : 'none refused',
            met: over.refused > 0 && over.refusedP99 <= REFUSAL_WITHIN_MS,
          },
          {
            target: 'every refusal 503/429 with Retry-After and a registered code',
            measured: `${malformed} without; codes ${JSON.stringify({ ...over.refusalCodes })}`,
            met: malformed === 0,
          },
          { target: 'p99 of what is served ≤ 3× the critical path', measured: `${fmt.ms(over.servedP99)} (critical path ${fmt.ms(critical)})`, met: over.servedP99 <= 3 * critical },
          {
            target: `no refusals from ${RECOVERY_WITHIN_SEC} s after the load drops`,
            measured: recovery === undefined ? 'none after the drop' : `last refusal ${recovery} s after the drop`,
            met: recovery === undefined || recovery <= RECOVERY_WITHIN_SEC,
          },
        ],
        notes: [`Partial or failed answers under 2× load: ${over.failed} (a subgraph refusing its part, or a legacy error); they are not goodput.`],
      };
    } finally {
      await harness.stop(gateway);
      await harness.stop(backend.process);
    }
  },
};
