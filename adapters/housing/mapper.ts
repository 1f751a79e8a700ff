import { isValidUin } from '../../platform/identifiers';
import { fromRussianDate, isLastDayOfMonth, toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { SYSTEM } from './errors';
import type { Bill, BillStatus, Home, Meter, MeterKind, MeterReading } from './port';
import type { WireAddress, WireCounter, WireEpd, WireIndication } from './wire';

/** The portal's meter type names. */
const KIND_BY_TYPE_NAME: Readonly<Record<string, MeterKind>> = {
  ХВС: 'COLD_WATER',
  ГВС: 'HOT_WATER',
  Электроэнергия: 'ELECTRICITY',
  Отопление: 'HEAT',
};

const bad = (endpoint: string, reason: string): never => {
  throw new LegacyBadResponseError(SYSTEM, endpoint, reason);
};

function calendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

const idText = (id: number | string): string => String(id);

/**
 * The portal's channel codes for where a reading came from. `22` is what readings given through
 * the portal carry in the public capture; the others are the simulator's *(designed)* codes.
 */
const SOURCE_BY_CODE: Readonly<Record<string, string>> = { '22': 'mos.ru', '10': 'МФЦ', '4': 'УК' };

/** A channel code → its label; an unknown code is no label at all; a label (older answers) stays. */
function sourceLabel(source: string | null | undefined): string | null {
  const text = source?.trim() ?? '';
  if (text === '') return null;
  if (/^\d+$/.test(text)) return SOURCE_BY_CODE[text] ?? null;
  return text;
}

/** getInfo address → home. */
export function toHome(wire: WireAddress, endpoint: string): Home {
  const userPlaceId = idText(wire.userPlaceId);
  if (!/^\d+$/.test(userPlaceId)) bad(endpoint, 'addresses.userPlaceId is not numeric');
  if (!/^\d{10}$/.test(wire.fls)) bad(endpoint, 'addresses.fls is not a 10-digit payer code');
  const persons = wire.registeredPersons ?? null;
  if (persons !== null && persons < 1) bad(endpoint, 'addresses.registeredPersons is not positive');
  // getInfo sends the flat as a number (`218`); the domain keeps it as the text printed on the EPD.
  const flat = wire.flat === null || wire.flat === undefined ? '' : String(wire.flat).trim();
  // No address line (as in the public capture) is an empty one rather than a lost home.
  return { payerCode: wire.fls, userPlaceId, address: wire.address?.trim() ?? '', flat: flat === '' ? null : flat, registeredPersons: persons };
}

/** A reading; the period must follow the rule "last day of the month". */
export function toReading(wire: WireIndication, endpoint: string): MeterReading {
  if (!calendarDay(wire.period) || !isLastDayOfMonth(wire.period)) bad(endpoint, 'indication.period is not the last day of a month');
  if (!Number.isFinite(wire.indication) || wire.indication < 0) bad(endpoint, 'indication.indication is not a non-negative number');
  return { period: wire.period, value: wire.indication, source: sourceLabel(wire.source) };
}

/** An active counter → meter; unknown type names are refused rather than guessed. */
export function toMeter(wire: WireCounter, userPlaceId: string, endpoint: string): Meter {
  const kind = KIND_BY_TYPE_NAME[wire.typeName.trim()];
  if (!kind) return bad(endpoint, 'activeCounters.typeName is not a known meter type');
  const id = idText(wire.counterId);
  if (!/^\d+$/.test(id)) bad(endpoint, 'activeCounters.counterId is not numeric');
  // The verification day: a date (`2032-07-16`), or a local midnight without an offset in older answers.
  const verifiedUntil = wire.checkUpDate.slice(0, 10);
  if (!calendarDay(verifiedUntil)) bad(endpoint, 'activeCounters.checkUpDate is not a date');
  if (wire.checkupStatus !== 'OK' && wire.checkupStatus !== 'EXPIRED') bad(endpoint, 'activeCounters.checkupStatus is not OK or EXPIRED');
  return {
    id,
    userPlaceId,
    kind,
    serialNumber: wire.num,
    verifiedUntil,
    verificationExpired: wire.checkupStatus === 'EXPIRED',
    remoteSubmission: wire.enableTransfer,
    lastReading: wire.lastIndication ? toReading(wire.lastIndication, endpoint) : null,
  };
}

/**
 * A rouble amount as the portal prints it (`1234.5`, `1234`, `-12.05`, possibly a JSON number)
 * → whole kopecks, by string arithmetic: `Number("0.29") * 100` is not 29.
 */
export function roublesToKopecks(value: string | number, endpoint: string, field: string): number {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return bad(endpoint, `Epd.${field} is not a rouble amount`);
  const kopecks = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(kopecks)) return bad(endpoint, `Epd.${field} is out of range`);
  return match[1] === '-' ? -kopecks : kopecks;
}

/**
 * `DD.MM.YYYY` (older pages), `YYYY-MM-DD`, or a timestamp (`2026-11-03T04:17:52.381`, Moscow
 * wall-clock time; with an offset it is converted) → the Moscow calendar day, `YYYY-MM-DD`.
 */
function portalDate(value: string): string | undefined {
  const russian = fromRussianDate(value);
  if (russian) return calendarDay(russian) ? russian : undefined;
  if (value.length === 10) return calendarDay(value) ? value : undefined;
  return toMoscowInstant(value)?.slice(0, 10);
}

/**
 * What was paid on a document. Without `PaymentAmount` the portal says nothing was paid on a
 * document it marks NOT_PAID; one it marks PAID was paid in full (accrual, penalty and insurance).
 */
function paidKopecks(wire: WireEpd, accrual: number, penalty: number, insurance: number, endpoint: string): number {
  if (wire.PaymentAmount !== undefined) return roublesToKopecks(wire.PaymentAmount, endpoint, 'PaymentAmount');
  return wire.PaymentStatus === 'PAID' ? accrual + penalty + insurance : 0;
}

export function toBill(wire: WireEpd, payerCode: string, endpoint: string): Bill {
  const period = portalDate(wire.Period);
  if (!period?.endsWith('-01')) return bad(endpoint, 'Epd.Period is not the first day of a month');
  const createdOn = portalDate(wire.CreateDate) ?? bad(endpoint, 'Epd.CreateDate is not a date');
  if (wire.PaymentStatus !== 'PAID' && wire.PaymentStatus !== 'NOT_PAID') bad(endpoint, 'Epd.PaymentStatus is not PAID or NOT_PAID');
  if (!isValidUin(wire.Uin)) bad(endpoint, 'Epd.Uin fails its check digit');
  const accrual = roublesToKopecks(wire.AccrualAmount, endpoint, 'AccrualAmount');
  const penalty = roublesToKopecks(wire.PenaltyAmount, endpoint, 'PenaltyAmount');
  const insurance = roublesToKopecks(wire.InsuranceAmmount, endpoint, 'InsuranceAmmount');
  return {
    payerCode,
    period,
    createdOn,
    status: wire.PaymentStatus as BillStatus,
    type: wire.EpdType,
    accrual,
    paid: paidKopecks(wire, accrual, penalty, insurance, endpoint),
    penalty,
    insurance,
    uin: wire.Uin,
  };
}
