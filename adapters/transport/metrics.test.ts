import { LegacyMetrics } from './metrics';

describe('legacy metrics', () => {
  it('count calls, retries and refusals by system and code, and show breaker states', async () => {
    let breaker: 'closed' | 'open' = 'closed';
    const metrics = new LegacyMetrics({
      service: 'test',
      health: () => [{ system: 'emias', breaker, inFlight: 0, queued: 0, endpoints: [], recent: { calls: 0, retries: 0 } }] as never,
    });
    metrics.onEvent({ type: 'call', system: 'emias', endpoint: 'POST /rpc?getAppointments', outcome: 'ok', attempts: 1, ms: 12, served: 'live' });
    metrics.onEvent({ type: 'call', system: 'emias', endpoint: 'POST /rpc?getAppointments', outcome: 'LEGACY_UNAVAILABLE', attempts: 3, ms: 40, served: 'none' });
    metrics.onEvent({ type: 'retry', system: 'emias', endpoint: 'POST /rpc?getAppointments', attempt: 1, delayMs: 50, code: 'LEGACY_UNAVAILABLE' });
    metrics.onEvent({ type: 'retry-denied', system: 'emias', endpoint: 'POST /rpc?getAppointments', reason: 'budget' });
    let text = await metrics.registry.metrics();
    expect(text).toContain('legacy_calls_total{system="emias",endpoint="POST /rpc?getAppointments",outcome="ok",served="live",service="test"} 1');
    expect(text).toContain('legacy_calls_total{system="emias",endpoint="POST /rpc?getAppointments",outcome="LEGACY_UNAVAILABLE",served="none",service="test"} 1');
    expect(text).toContain('legacy_retries_total{system="emias",code="LEGACY_UNAVAILABLE",service="test"} 1');
    expect(text).toContain('legacy_retries_denied_total{system="emias",reason="budget",service="test"} 1');
    expect(text).toContain('legacy_breaker_open{system="emias",endpoint="*",service="test"} 0');
    breaker = 'open';
    text = await metrics.registry.metrics();
    expect(text).toContain('legacy_breaker_open{system="emias",endpoint="*",service="test"} 1');
    expect(text).toContain('process_cpu_seconds_total');
  });
});
