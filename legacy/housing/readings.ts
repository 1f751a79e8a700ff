import type { HousingData, SimHome, SimMeter } from './model';
import { lastClosedPeriod, MONTHLY_CAP, monthsBetween, NORM_FACTOR, NORM_PER_PERSON, openPeriod, REFUSALS, REGISTER_MAX, SOURCE_CODES } from './rules';

/** A reading as the portal lists it; `source` is the channel's code. */
export interface Indication {
  period: string;
  indication: number;
  source: string;
}

/** A reading the simulator took and still keeps. */
export interface StoredReading {
  counterId: number;
  period: string;
  indication: number;
  /** The simulator clock's instant when it was taken. */
  takenAt: string;
}

/** A reading the rules refuse, in the system's own words; each API renders it in its own shape. */
export class ReadingRefusal extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/**
 * How a value is written. The meters API takes a whole number (`484`); the older form API gets
 * whatever its clients print, and they print `484.0` for a whole number.
 */
export type ValueNotation = 'whole' | 'decimal';

function refuse(text: string): never {
  throw new ReadingRefusal(text);
}

/**
 * The readings of every meter: the generated history plus what was submitted through either API,
 * checked by one set of rules, so the two APIs cannot disagree about a reading.
 */
export class ReadingBook {
  /** Accepted readings per counterId, oldest first. */
  private readonly accepted = new Map<number, Array<Indication & { takenAt: string; seq: number }>>();
  private writes = 0;

  constructor(private readonly data: HousingData) {}

  /** Every reading of the meter up to `today`, oldest first. */
  history(meter: SimMeter, today: string): Indication[] {
    const own = this.accepted.get(meter.counterId) ?? [];
    const taken = new Set(own.map((i) => i.period));
    const kept = own.map((i) => ({ period: i.period, indication: i.indication, source: i.source }));
    return [...this.data.generatedHistory(meter, today).filter((i) => !taken.has(i.period)), ...kept].sort((a, b) => a.period.localeCompare(b.period));
  }

  /**
   * The meter's newest reading up to `today`: `history(meter, today).at(-1)` without building the
   * history, which the meters list would otherwise generate month by month for every meter of
   * every home. Read from the accepted writes on every call, so a reading just taken or withdrawn
   * shows at once.
   */
  last(meter: SimMeter, today: string): Indication | undefined {
    let newest: (Indication & { takenAt: string; seq: number }) | undefined;
    // `>=`: of two kept readings of one period the history sorts the later taken last.
    for (const i of this.accepted.get(meter.counterId) ?? []) if (!newest || i.period >= newest.period) newest = i;
    const generated = this.data.lastGenerated(meter, today);
    // A kept reading of the generated period replaces it in the history, so it wins a tie too.
    if (newest && (!generated || newest.period >= generated.period)) return { period: newest.period, indication: newest.indication, source: newest.source };
    return generated;
  }

  /**
   * Checks a reading given on `today` and answers the period it is for and its value, or throws
   * the refusal. `periodAsked` says whether the period the client named fits the open one.
   */
  check(home: SimHome, meter: SimMeter, raw: string, today: string, periodAsked: (open: string) => boolean, notation: ValueNotation): { period: string; value: number } {
    if (meter.checkUpDate < today) refuse(REFUSALS.verificationExpired);
    const period = openPeriod(meter.typeName, today);
    if (period === undefined || !periodAsked(period)) return refuse(REFUSALS.outsideWindow);
    const value = parseValue(raw.trim(), notation, REGISTER_MAX[meter.typeName]);
    const past = this.history(meter, today);
    const last = past.at(-1);
    if (past.some((i) => i.period === period)) refuse(REFUSALS.alreadySubmitted);
    if (last && value < last.indication) refuse(REFUSALS.decreasing);
    const months = last ? monthsBetween(last.period, period) : 0;
    const norm = NORM_PER_PERSON[meter.typeName];
    if (last && norm !== undefined && value - last.indication > norm * home.registeredPersons * months * NORM_FACTOR) refuse(REFUSALS.aboveNorm);
    const cap = MONTHLY_CAP[meter.typeName];
    if (last && cap !== undefined && value - last.indication > cap * months) refuse(REFUSALS.implausible);
    return { period, value };
  }

  /** Keeps a reading `check` let through. */
  take(meter: SimMeter, reading: { period: string; value: number }, now: Date): void {
    const own = this.accepted.get(meter.counterId) ?? [];
    own.push({ period: reading.period, indication: reading.value, source: SOURCE_CODES.portal, takenAt: now.toISOString(), seq: ++this.writes });
    this.accepted.set(meter.counterId, own);
  }

  /** Withdraws the meter's last reading unless it is already in a bill. */
  removeLast(meter: SimMeter, today: string): void {
    const last = this.last(meter, today);
    if (!last) refuse(REFUSALS.nothingToRemove);
    const own = this.accepted.get(meter.counterId) ?? [];
    // Generated readings and anything whose window has closed are already in a bill.
    if (own.at(-1)?.period !== last.period || last.period <= lastClosedPeriod(meter.typeName, today)) refuse(REFUSALS.alreadyBilled);
    own.pop();
  }

  /** Every reading taken and not withdrawn, in the order taken. */
  stored(): StoredReading[] {
    return [...this.accepted]
      .flatMap(([counterId, own]) => own.map((i) => ({ counterId, period: i.period, indication: i.indication, takenAt: i.takenAt, seq: i.seq })))
      .sort((a, b) => a.seq - b.seq)
      .map(({ seq: _seq, ...reading }) => reading);
  }
}

/** The value as a number; beyond what the meter's register can show (`max`) it is no reading at all. */
function parseValue(raw: string, notation: ValueNotation, max: number): number {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) refuse(REFUSALS.notANumber);
  if (raw.startsWith('-')) refuse(REFUSALS.negative);
  if (!(Number(raw) <= max)) refuse(REFUSALS.implausible);
  const whole = notation === 'whole' ? /^\d+$/ : /^\d+(\.0+)?$/;
  if (!whole.test(raw)) refuse(REFUSALS.notWhole);
  return Number(raw);
}
