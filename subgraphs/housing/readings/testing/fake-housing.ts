import type { Bill, Home, HousingPort, Meter, ReadingSubmission, ReadingsPage } from '../../../../adapters/housing';
import { LegacyRejectionError } from '../../../../adapters/transport';
import { currentRequestScope } from '../../../../platform/request-scope';

const ADD = 'PUT /api/efp/counters/addIndications/';

/** A call the fake received, with the request scope it was made in. */
export interface SeenCall {
  method: keyof HousingPort;
  requestId: string | undefined;
  deadline: number | undefined;
}

/**
 * The housing system for unit tests of the readings module: one home per payer code, its meters,
 * and the system's one rule that matters to exactly-once (one reading per meter per period: a
 * second is refused as READING_ALREADY_SUBMITTED). Failures are set per kind of call; every call
 * is recorded with the request scope it came in.
 */
export class FakeHousing implements HousingPort {
  readonly calls: SeenCall[] = [];
  /** Readings the system took, by `meterId|period`. */
  readonly stored = new Map<string, number>();
  /** Thrown by getHomes and getMeters while set. */
  failReads: Error | undefined;
  /** Thrown by submitReading while set, before the reading is taken. */
  failSubmit: Error | undefined;
  /** Thrown by submitReading while set, after the reading is taken: the answer is lost. */
  loseAnswer: Error | undefined;
  /** Awaited by submitReading while set: a send the housing system is still working on. */
  gate: Promise<void> | undefined;

  constructor(private readonly homes: ReadonlyArray<{ personId: string; home: Home; meters: Meter[] }>) {}

  async getHomes(personId: string): Promise<Home[]> {
    this.seen('getHomes');
    if (this.failReads) throw this.failReads;
    return this.homes.filter((h) => h.personId === personId).map((h) => h.home);
  }

  async getMeters(personId: string, userPlaceIds: ReadonlyArray<string>): Promise<Map<string, Meter[]>> {
    this.seen('getMeters');
    if (this.failReads) throw this.failReads;
    const out = new Map<string, Meter[]>();
    for (const { home, meters } of this.homes.filter((h) => h.personId === personId && userPlaceIds.includes(h.home.userPlaceId))) {
      out.set(
        home.userPlaceId,
        meters.map((m) => ({ ...m, lastReading: this.lastOf(m) })),
      );
    }
    return out;
  }

  async getReadings(_personId: string, _userPlaceId: string, meterId: string, page: { before?: string; limit: number }): Promise<ReadingsPage> {
    this.seen('getReadings');
    const readings = [...this.stored]
      .map(([key, value]) => ({ meterId: key.split('|')[0], period: key.split('|')[1] ?? '', value, source: null }))
      .filter((r) => r.meterId === meterId && (page.before === undefined || r.period < page.before))
      .sort((a, b) => b.period.localeCompare(a.period))
      .map(({ period, value, source }) => ({ period, value, source }));
    return { readings: readings.slice(0, page.limit), hasMore: readings.length > page.limit };
  }

  async getBills(): Promise<Map<string, Bill[]>> {
    this.seen('getBills');
    return new Map();
  }

  async submitReading(_personId: string, submission: ReadingSubmission): Promise<void> {
    this.seen('submitReading');
    await this.gate;
    if (this.failSubmit) throw this.failSubmit;
    const key = `${submission.meterId}|${submission.period}`;
    if (this.stored.has(key)) throw new LegacyRejectionError('housing', ADD, 'READING_ALREADY_SUBMITTED', 'a reading for the period is already given');
    this.stored.set(key, submission.value);
    if (this.loseAnswer) throw this.loseAnswer;
  }

  async removeLastReading(): Promise<void> {
    this.seen('removeLastReading');
  }

  /** How many times `method` was called. */
  count(method: keyof HousingPort): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private lastOf(meter: Meter): Meter['lastReading'] {
    const mine = [...this.stored].filter(([key]) => key.startsWith(`${meter.id}|`)).sort(([a], [b]) => b.localeCompare(a))[0];
    return mine ? { period: mine[0].split('|')[1] ?? '', value: mine[1], source: 'mos.ru' } : meter.lastReading;
  }

  private seen(method: keyof HousingPort): void {
    const scope = currentRequestScope();
    this.calls.push({ method, requestId: scope?.requestId, deadline: scope?.deadline });
  }
}
