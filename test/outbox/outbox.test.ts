import type { SqlDatabase } from '../../platform/storage';
import { scrape } from '../support/prometheus-text';
import {
  ADD,
  BACKENDS,
  candidates,
  eventually,
  type Legacy,
  minutesAfterNow,
  type Place,
  type RunningHousing,
  SettleFailingDatabase,
  startHousing,
  startLegacy,
  status,
  stored,
  submit,
} from './support';

/**
 * Nothing a resident submitted is lost: meter readings go through a durable outbox, are answered
 * QUEUED while the housing system is down, and reach it exactly once when it is back — across a
 * crash between sending and marking, a restart of the process, and two workers at once. Real
 * simulators over HTTP, the subgraph over HTTP, the outbox on each storage backend.
 */
describe.each(BACKENDS.map((b) => [b.name, b] as const))('meter-reading outbox on %s', (_name, backend) => {
  let legacy: Legacy;
  let place: Place;
  const running: RunningHousing[] = [];
  const handles: SqlDatabase[] = [];

  const start = async (where: Parameters<typeof startHousing>[1] = { outbox: place.config }): Promise<RunningHousing> => {
    const housing = await startHousing(legacy, { ...(place.database ? { database: place.database } : {}), ...where });
    running.push(housing);
    return housing;
  };
  const stop = async (housing: RunningHousing): Promise<void> => {
    running.splice(running.indexOf(housing), 1);
    await housing.close();
  };
  const handle = async (): Promise<SqlDatabase> => {
    const db = await place.open();
    handles.push(db);
    return db;
  };

  beforeEach(async () => {
    legacy = await startLegacy();
    place = await backend.fresh();
  });
  afterEach(async () => {
    for (const housing of running.splice(0)) await housing.close();
    for (const db of handles.splice(0)) await db.close();
    await legacy.close();
    await place.dispose();
  });
  afterAll(() => backend.close());

  it('answers QUEUED while housing is down, shows QUEUED in the graph, and delivers each accepted reading exactly once when it is back', async () => {
    const housing = await start();
    const residents = candidates(legacy, 3);
    legacy.housing.faults.set({ down: true });

    const answers = await Promise.all(residents.map((c, i) => submit(housing.subgraph, c, `down-${i}`)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.submitMeterReadings.results).toEqual([
        {
          meterId: String(residents[i]!.meter.counterId),
          status: 'QUEUED',
          period: '2026-11-30',
          value: residents[i]!.value,
          reason: null,
          submittedAt: '2026-11-21T12:00:00+03:00',
          settledAt: null,
        },
      ]);
    }
    // What needs no meter is still judged at once; what needs the meter waits for the worker.
    const [first] = residents;
    const negative = await submit(housing.subgraph, first!, 'down-negative', [{ meterId: String(first!.meter.counterId), value: -1 }]);
    expect(negative.data?.submitMeterReadings.results[0]).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_NEGATIVE' } });
    const hot = first!.home.meters.find((m) => m.typeName === 'ГВС' && m.checkUpDate > '2027-01-01');
    const lower = hot ? legacy.data.generatedHistory(hot, '2026-11-21').at(-1)!.indication - 1 : undefined;
    if (hot && lower !== undefined) {
      const decreasing = await submit(housing.subgraph, first!, 'down-decreasing', [{ meterId: String(hot.counterId), value: lower }]);
      expect(decreasing.data?.submitMeterReadings.results[0]?.status).toBe('QUEUED');
    }
    expect((await status(housing.subgraph, first!, 'down-0'))?.results[0]?.status).toBe('QUEUED');
    expect(legacy.sends()).toBe(0);

    legacy.housing.faults.clear();
    legacy.clock.set(minutesAfterNow(10));
    for (const [i, c] of residents.entries()) {
      const delivered = await eventually(async () => {
        const now = await status(housing.subgraph, c, `down-${i}`);
        return now?.results[0]?.status === 'DELIVERED' && now;
      });
      expect(delivered.results[0]).toMatchObject({ settledAt: '2026-11-21T12:10:00+03:00', reason: null });
    }
    if (hot && lower !== undefined) {
      // Judged by the worker against the meter before sending: refused, and never sent.
      const refused = await eventually(async () => {
        const now = await status(housing.subgraph, first!, 'down-decreasing');
        return now?.results[0]?.status === 'REJECTED' && now;
      });
      expect(refused.results[0]?.reason?.code).toBe('READING_DECREASING');
    }
    expect(
      stored(
        legacy,
        residents.map((c) => c.meter),
      ),
    ).toEqual(residents.map((c) => [c.meter.counterId, '2026-11-30', c.value] as [number, string, number]).sort((a, b) => a[0] - b[0]));
    expect(legacy.sends()).toBe(residents.length);
  });

  it('delivers once after a crash between sending and marking: the redelivery finds its own reading and marks it DELIVERED', async () => {
    const db = new SettleFailingDatabase(await handle());
    const [c] = candidates(legacy, 1);
    const first = await start({ database: db, outbox: { leaseMs: 60_000 } });

    db.failSettling = true;
    const answer = await submit(first.subgraph, c!, 'crash');
    // The housing system took it; the outbox could not record that, so it still says QUEUED.
    expect(answer.data?.submitMeterReadings.results[0]?.status).toBe('QUEUED');
    expect(db.settleFailures).toBe(1);
    expect(legacy.sends()).toBe(1);
    expect(stored(legacy, [c!.meter])).toEqual([[c!.meter.counterId, '2026-11-30', c!.value]]);
    await stop(first);

    // A new process on the same database; the dead one's lease runs out.
    db.failSettling = false;
    const second = await start({ database: db, outbox: { leaseMs: 60_000 } });
    legacy.clock.set(minutesAfterNow(2));
    const delivered = await eventually(async () => {
      const now = await status(second.subgraph, c!, 'crash');
      return now?.results[0]?.status === 'DELIVERED' && now;
    });
    expect(delivered.results[0]?.reason).toBeNull();
    // Sent again, refused as already given for the period, and recognised as ours: one stored reading.
    expect(legacy.sends()).toBe(2);
    expect(stored(legacy, [c!.meter])).toEqual([[c!.meter.counterId, '2026-11-30', c!.value]]);
  });

  it('keeps queued readings and idempotency keys across a restart of the process, and delivers them exactly once', async () => {
    const [before, queued] = candidates(legacy, 2);
    const first = await start();
    const delivered = await submit(first.subgraph, before!, 'before-restart');
    expect(delivered.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    legacy.housing.faults.set({ down: true });
    const waiting = await submit(first.subgraph, queued!, 'queued-over-restart');
    expect(waiting.data?.submitMeterReadings.results[0]?.status).toBe('QUEUED');
    await stop(first);

    const second = await start();
    // The same key from the same resident is the same submission, after the restart too.
    const replay = await submit(second.subgraph, before!, 'before-restart');
    expect(replay.data?.submitMeterReadings).toEqual(delivered.data?.submitMeterReadings);
    const reused = await submit(second.subgraph, before!, 'before-restart', [{ meterId: String(before!.meter.counterId), value: before!.value + 1 }]);
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect((await status(second.subgraph, queued!, 'queued-over-restart'))?.results[0]?.status).toBe('QUEUED');

    legacy.housing.faults.clear();
    legacy.clock.set(minutesAfterNow(10));
    await eventually(async () => (await status(second.subgraph, queued!, 'queued-over-restart'))?.results[0]?.status === 'DELIVERED');
    const replayQueued = await submit(second.subgraph, queued!, 'queued-over-restart');
    expect(replayQueued.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    expect(legacy.sends()).toBe(2);
    expect(stored(legacy, [before!.meter, queued!.meter])).toEqual(
      [before!, queued!].map((c) => [c.meter.counterId, '2026-11-30', c.value] as [number, string, number]).sort((a, b) => a[0] - b[0]),
    );
  });

  it('delivers each reading once with two workers on the same database', async () => {
    const shared = backend.name === 'embedded' ? await handle() : undefined;
    // On PostgreSQL each replica has its own connections; the embedded database has one handle per process.
    const a = await start(shared ? { database: shared, outbox: { concurrency: 3 } } : { outbox: { ...place.config, concurrency: 3 } });
    const b = await start(shared ? { database: shared, outbox: { concurrency: 3 } } : { outbox: { ...place.config, concurrency: 3 } });
    const residents = candidates(legacy, 8);
    legacy.housing.faults.set({ down: true });
    for (const [i, c] of residents.entries()) {
      const answer = await submit(i % 2 === 0 ? a.subgraph : b.subgraph, c, `pair-${i}`);
      expect(answer.data?.submitMeterReadings.results[0]?.status).toBe('QUEUED');
    }
    legacy.housing.faults.clear();
    // Slow enough that both workers are delivering at the same time.
    legacy.housing.faults.set({ endpoint: ADD, latencyMs: 40 });
    legacy.clock.set(minutesAfterNow(10));
    for (const [i, c] of residents.entries()) {
      await eventually(async () => (await status(a.subgraph, c, `pair-${i}`))?.results[0]?.status === 'DELIVERED');
    }
    // One send per reading: no reading was ever held by both workers.
    expect(legacy.sends()).toBe(residents.length);
    expect(
      stored(
        legacy,
        residents.map((c) => c.meter),
      ),
    ).toHaveLength(residents.length);
  });

  it('on close finishes the delivery in flight, hands back the rest, and a new process delivers those at once', async () => {
    const residents = candidates(legacy, 4);
    const first = await start({ outbox: { ...place.config, concurrency: 1 } });
    legacy.housing.faults.set({ down: true });
    for (const [i, c] of residents.entries()) await submit(first.subgraph, c, `close-${i}`);
    legacy.housing.faults.clear();
    // Long enough that the close begins while the housing system still holds the first reading.
    legacy.housing.faults.set({ endpoint: ADD, latencyMs: 1_500 });
    legacy.clock.set(minutesAfterNow(10));
    // The worker is inside its first delivery (the housing system has the request) when we stop.
    await eventually(async () => legacy.sends() >= 1);
    await stop(first);
    const sentBeforeClose = legacy.sends();
    expect(sentBeforeClose).toBe(1);
    // What was in flight was finished and recorded; nothing else was started.
    expect(legacy.housingSim.storedReadings()).toHaveLength(1);

    legacy.housing.faults.clear();
    const second = await start({ outbox: { ...place.config, concurrency: 1 } });
    // The clock does not move: the claims handed back are due now, with no lease to wait out.
    for (const [i, c] of residents.entries()) {
      await eventually(async () => (await status(second.subgraph, c, `close-${i}`))?.results[0]?.status === 'DELIVERED');
    }
    expect(legacy.sends()).toBe(residents.length);
    expect(
      stored(
        legacy,
        residents.map((c) => c.meter),
      ),
    ).toHaveLength(residents.length);
  });

  it('shows on /metrics how many readings wait and how long the oldest has waited, until they are delivered', async () => {
    const housing = await start();
    const [c] = candidates(legacy, 1);
    const backlog = async (): Promise<[number | undefined, number | undefined]> => {
      const metrics = await scrape(housing.subgraph.url);
      return [metrics.value('housing_outbox_queued_readings'), metrics.value('housing_outbox_oldest_queued_age_seconds')];
    };
    expect(await backlog()).toEqual([0, 0]);
    legacy.housing.faults.set({ down: true });
    expect((await submit(housing.subgraph, c!, 'metrics')).data?.submitMeterReadings.results[0]?.status).toBe('QUEUED');
    expect(await backlog()).toEqual([1, 0]);
    // Three minutes on, still down: the reading has waited that long.
    legacy.clock.set(minutesAfterNow(3));
    expect(await backlog()).toEqual([1, 180]);
    legacy.housing.faults.clear();
    legacy.clock.set(minutesAfterNow(10));
    await eventually(async () => (await status(housing.subgraph, c!, 'metrics'))?.results[0]?.status === 'DELIVERED');
    expect(await backlog()).toEqual([0, 0]);
  });
});
