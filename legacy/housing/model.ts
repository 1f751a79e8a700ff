import { uinCheckDigit } from '../../platform/identifiers';
import { addDays, endOfMonth, Seeded, startOfMonth } from '../kit';
import { decodePayerCode, type Population } from '../population';
import { type CounterType, lastClosedPeriod, SOURCE_CODES } from './rules';

/**
 * The housing system's data, derived from the population: each payer code is a home with its
 * flat, meters, readings history and monthly bills. Nothing is stored but what residents submit.
 */

/** A meter as the system keeps it; the readings come from `readingAt` and the accepted writes. */
export interface SimMeter {
  counterId: number;
  typeName: CounterType;
  num: string;
  /** The day the meter's verification runs out, `YYYY-MM-DD`. */
  checkUpDate: string;
  /** The first period with a reading (the month the home joined). */
  firstPeriod: string;
  base: number;
  /** Mean monthly consumption; the real one varies within [1, 2·rate − 1]. */
  rate: number;
}

export interface SimHome {
  personId: number;
  homeIndex: number;
  payerCode: string;
  userPlaceId: number;
  address: string;
  unom: number;
  flat: string;
  /** Persons registered in the flat: the consumption norm is per person. */
  registeredPersons: number;
  meters: SimMeter[];
  /** The first month billed, `YYYY-MM-01`. */
  firstBillMonth: string;
  /** Monthly accrual before seasonal and random variation, kopecks. */
  baseKopecks: number;
  /** Voluntary flat insurance added to each bill, kopecks (0 when the resident did not opt in). */
  insuranceKopecks: number;
}

export interface SimBill {
  period: string;
  createDate: string;
  /** When on `createDate` the document was made, Moscow wall-clock `HH:MM:SS.mmm`. */
  createTime: string;
  accrualKopecks: number;
  paymentKopecks: number;
  penaltyKopecks: number;
  insuranceKopecks: number;
  paid: boolean;
  uin: string;
}

/** userPlaceId: the portal's own number for a home, deliberately unlike the payer code. */
const USER_PLACE_BASE = 2_000_000_000;
const COUNTER_BASE = 7_000_000_000;
/** Readings are generated from this month on. */
const EPOCH_MONTH = 2020 * 12;

const STREETS = ['ул. Дмитрия Ульянова', 'Мичуринский пр-т', 'ул. Бутлерова', 'Рязанский пр-т', 'ул. Лобачевского', 'Каширское ш.', 'ул. Верхняя Масловка'];

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

export class HousingData {
  constructor(private readonly population: Population) {}

  /** The home behind a payer code, or undefined when the code is unknown. */
  homeByPayerCode(payerCode: string): SimHome | undefined {
    const decoded = decodePayerCode(this.population.seed, payerCode);
    return decoded ? this.home(decoded.personId, decoded.homeIndex) : undefined;
  }

  homeByUserPlaceId(userPlaceId: string): SimHome | undefined {
    if (!/^\d{10}$/.test(userPlaceId)) return undefined;
    const n = Number(userPlaceId) - USER_PLACE_BASE;
    if (n < 10) return undefined;
    return this.home(Math.floor(n / 10), n % 10);
  }

  /** The person's homes, in the order of their payer codes. */
  homesOf(personId: number): SimHome[] {
    const person = this.population.person(personId);
    return (person?.payerCodes ?? []).map((_, i) => this.home(personId, i)).filter((h): h is SimHome => h !== undefined);
  }

  home(personId: number, homeIndex: number): SimHome | undefined {
    const person = this.population.person(personId);
    const payerCode = person?.payerCodes[homeIndex];
    if (!person || payerCode === undefined) return undefined;
    const r = new Seeded(this.population.seed, 'housing', 'home', personId, homeIndex);
    const own = homeIndex === 0;
    const registeredPersons = own ? Math.min(6, 1 + person.childIds.length + r.int(0, 1)) : r.int(1, 3);
    const firstBillMonth = startOfMonth(this.population.referenceDate, r.int(8, 60));
    const meterCount = r.int(2, 4);
    const types: CounterType[] = ['ХВС', 'ГВС'];
    while (types.length < meterCount) {
      const candidates = (['Электроэнергия', 'Отопление', 'ХВС', 'ГВС'] as const).filter(
        (t) => (t === 'ХВС' || t === 'ГВС' || !types.includes(t)) && types.filter((x) => x === t).length < 2,
      );
      types.push(r.pick(candidates));
    }
    const meters = types.map((typeName, i) => this.meter(personId, homeIndex, i, typeName, registeredPersons, firstBillMonth));
    return {
      personId,
      homeIndex,
      payerCode,
      userPlaceId: USER_PLACE_BASE + personId * 10 + homeIndex,
      address: own ? person.registration.addressText : `г. Москва, ${r.pick(STREETS)}, д. ${r.int(1, 90)}`,
      unom: own ? person.registration.unom : r.int(1_000_000, 4_999_999),
      flat: own ? person.registration.flat : String(r.int(1, 300)),
      registeredPersons,
      meters,
      firstBillMonth,
      baseKopecks: r.int(250_000, 900_000),
      insuranceKopecks: r.chance(0.3) ? r.int(40, 120) * 100 + r.int(0, 99) : 0,
    };
  }

  /** The generated reading of a meter for a period (last day of a month). */
  readingAt(meter: SimMeter, period: string): number {
    const m = monthIndex(period) - EPOCH_MONTH;
    const jitter = meter.rate > 1 ? new Seeded(this.population.seed, 'housing', 'use', meter.counterId, m).int(0, meter.rate - 1) : 0;
    return meter.base + meter.rate * m + jitter;
  }

  /**
   * The generated history: every period from the meter's first to the last closed one, oldest
   * first. `source` is the channel's code, as the portal sends it.
   */
  generatedHistory(meter: SimMeter, today: string): Array<{ period: string; indication: number; source: string }> {
    const last = lastClosedPeriod(meter.typeName, today);
    const out: Array<{ period: string; indication: number; source: string }> = [];
    for (let p = meter.firstPeriod; p <= last; p = endOfMonth(addDays(p, 1))) out.push(this.generatedReading(meter, p));
    return out;
  }

  /**
   * The newest generated reading, the last of `generatedHistory`, without the months before it:
   * the meters list shows only this one, and a meter's history runs back up to five years.
   */
  lastGenerated(meter: SimMeter, today: string): { period: string; indication: number; source: string } | undefined {
    const last = lastClosedPeriod(meter.typeName, today);
    return meter.firstPeriod <= last ? this.generatedReading(meter, last) : undefined;
  }

  /** The generated reading of one period: its value and the channel it came through. */
  private generatedReading(meter: SimMeter, period: string): { period: string; indication: number; source: string } {
    const { portal, mfc, managingCompany } = SOURCE_CODES;
    const source = new Seeded(this.population.seed, 'housing', 'source', meter.counterId, period).pick([portal, portal, portal, mfc, managingCompany]);
    return { period, indication: this.readingAt(meter, period), source };
  }

  /** The bills issued by `today` for months from `from` to `to` (both `YYYY-MM-01`), oldest first. */
  bills(home: SimHome, from: string, to: string, today: string): SimBill[] {
    const out: SimBill[] = [];
    const first = from > home.firstBillMonth ? from : home.firstBillMonth;
    for (let month = first; month <= to; month = startOfMonth(month, -1)) {
      const r = new Seeded(this.population.seed, 'housing', 'epd', home.payerCode, month);
      const created = addDays(startOfMonth(month, -1), r.int(0, 4));
      if (created > today) break;
      const m = Number(month.slice(5, 7));
      const seasonal = m >= 10 || m <= 4 ? 135 : 100;
      const accrual = Math.round((home.baseKopecks * seasonal * r.int(95, 105)) / 10_000);
      const age = monthIndex(today) - monthIndex(month);
      const paid = age >= 3 ? !r.chance(0.04) : !r.chance(0.35);
      const penalty = !paid && age >= 3 ? Math.round(accrual * 0.03 * (age - 2)) : 0;
      const body = `1${home.payerCode}${month.slice(0, 4)}${month.slice(5, 7)}${r.digits(2)}`;
      // Documents are made by a night batch; drawn last so every earlier value stays as it was.
      const createTime = `0${r.int(1, 5)}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}.${String(r.int(0, 999)).padStart(3, '0')}`;
      out.push({
        period: month,
        createDate: created,
        createTime,
        accrualKopecks: accrual,
        paymentKopecks: paid ? accrual + home.insuranceKopecks : 0,
        penaltyKopecks: penalty,
        insuranceKopecks: home.insuranceKopecks,
        paid,
        uin: body + uinCheckDigit(body),
      });
    }
    return out;
  }

  private meter(personId: number, homeIndex: number, i: number, typeName: CounterType, persons: number, firstBillMonth: string): SimMeter {
    const counterId = COUNTER_BASE + personId * 100 + homeIndex * 10 + i;
    const r = new Seeded(this.population.seed, 'housing', 'meter', counterId);
    const expired = r.chance(0.2);
    const checkUpDate = addDays(this.population.referenceDate, expired ? -r.int(1, 400) : r.int(150, 2200));
    const rate = typeName === 'ХВС' ? persons * r.int(3, 4) : typeName === 'ГВС' ? persons * r.int(2, 3) : typeName === 'Электроэнергия' ? persons * r.int(50, 80) : 1;
    const base = typeName === 'Электроэнергия' ? r.int(1_000, 40_000) : r.int(0, 900);
    return { counterId, typeName, num: `${r.int(10, 99)}-${r.digits(6)}`, checkUpDate, firstPeriod: endOfMonth(firstBillMonth), base, rate };
  }
}
