import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import { RECOVERY_GRACE_SEC } from '../fault-plan';
import { dashboardResidents } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** A day the water readings window is open, so submissions can be made whatever day the bench runs. */
const IN_THE_READINGS_WINDOW = new Date('2026-11-21T10:00:00+03:00');

/**
 * Dashboards at a steady rate with meter readings submitted throughout; a third of the way in,
 * EMIAS and the housing system go down, and come back at two thirds. Errors must name only them,
 * and every accepted reading must reach the housing system once it is back.
 */
export const faults: Scenario = {
  id: 'faults',
  async run(harness, mode) {
    const durationSec = mode === 'full' ? 60 : 30;
    // A rate this 2-core machine carries with every process on it, so errors are the fault's alone.
    const rate = 15;
    const backend = await harness.startBackend(realisticLatency(0.5), IN_THE_READINGS_WINDOW);
    const gateway = await harness.startGateway('ours', backend);
    const pool = dashboardResidents(harness.population, 260);
    const dashboardTokens = await harness.tokens(pool.slice(0, 200).map((p) => p.id));
    const submitterTokens = await harness.tokens(pool.slice(200).map((p) => p.id));
    const result = await harness.faultRun({
      gatewayUrl: Object.values(gateway.urls)[0]!,
      breakUrls: [backend.simulatorUrls.emias, backend.simulatorUrls.housing],
      dashboardBody: trustedDashboardBody(),
      dashboardTokens,
      submitterTokens,
      rate,
      durationSec,
      downAt: durationSec / 3,
      upAt: (2 * durationSec) / 3,
      drainTimeoutSec: 120,
    });
    await harness.stop(gateway);
    await harness.stop(backend.process);

    const named = Object.keys(result.errorSystems);
    const onlyFailed = named.every((system) => system === 'emias' || system === 'housing');
    const accepted = Object.entries(result.submittedAs)
      .filter(([k]) => k.endsWith(':DELIVERED') || k.endsWith(':QUEUED'))
      .reduce((sum, [, n]) => sum + n, 0);
    const lost = accepted - result.heldByHousing;
    return {
      name: '9. Faults injected mid-run',
      setup: `${rate} dashboards/s for ${durationSec} s at half the realistic latencies, and ${result.submissions} meter readings submitted through the run; EMIAS and the housing system go down from ${fmt.rps(durationSec / 3)} s to ${fmt.rps((2 * durationSec) / 3)} s. The clock runs as if it were ${IN_THE_READINGS_WINDOW.toISOString().slice(0, 10)}, in the readings window.`,
      rows: (['before', 'during', 'recovering', 'after'] as const).map((phase) => ({
        phase,
        dashboards: result.phases[phase].count,
        'with errors': result.phases[phase].failed,
        p50: fmt.ms(result.phases[phase].p50),
        p99: fmt.ms(result.phases[phase].p99),
      })),
      targets: [
        { target: 'errors name only the failed systems', measured: JSON.stringify(result.errorSystems), met: onlyFailed },
        {
          target: 'zero lost submissions: every accepted reading is held by the housing system',
          measured: `${result.heldByHousing} of ${accepted} accepted (${JSON.stringify(result.submittedAs)}), final ${JSON.stringify(result.finalStatuses)}, drained ${result.drainedInSec} s after the run`,
          met: lost === 0 && accepted > 0,
        },
        {
          target: `no errors before the fault, nor once the breakers have probed (${RECOVERY_GRACE_SEC} s after recovery)`,
          measured: `${result.phases.before.failed} before, ${result.phases.recovering.failed} while recovering, ${result.phases.after.failed} after`,
          met: result.phases.before.failed === 0 && result.phases.after.failed === 0,
        },
      ],
      notes: [`Error codes seen: ${JSON.stringify(result.errorCodes)}.`],
    };
  },
};
