import { isCalendarDate, parsePlate } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import type { WireParking, WirePermit, WireSession } from './ampp-wire';
import type { Parking, ParkingSession, ParkingSessionStatus, PermitStatus, ResidentPermit } from './port';

export const AMPP_SYSTEM = 'parking';
const ZONE = /^\d{4}$/;
const PERMIT_STATUSES: ReadonlySet<string> = new Set<PermitStatus>(['ACTIVE', 'EXPIRED', 'ANNULLED', 'PENDING']);
const SESSION_STATUSES: Readonly<Record<string, ParkingSessionStatus>> = { active: 'ACTIVE', finished: 'FINISHED', stopped: 'STOPPED' };

const isKopecks = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function bad(endpoint: string, reason: string): never {
  throw new LegacyBadResponseError(AMPP_SYSTEM, endpoint, reason);
}

/** AMPP parking → domain. */
export function toParking(id: string, wire: WireParking, endpoint: string): Parking {
  if (!ZONE.test(wire.zone.number)) bad(endpoint, 'parking.zone.number is not four digits');
  const hourly = wire.zone.tariff?.hourly;
  if (hourly !== undefined && !isKopecks(hourly)) bad(endpoint, 'parking.zone.tariff.hourly is not whole kopecks');
  const { total, free } = wire.congestion.spaces.overall;
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(free) || free < 0 || free > total) {
    bad(endpoint, 'parking.congestion.spaces.overall is not 0 <= free <= total');
  }
  const street = wire.address?.street.ru.trim();
  const house = wire.address?.house?.ru.trim();
  return {
    id,
    name: wire.name.ru,
    address: street ? (house ? `${street}, ${house}` : street) : null,
    zone: { number: wire.zone.number, hourlyTariffKopecks: hourly ?? null },
    spaces: { total, free },
  };
}

/** A balance in kopecks; AMPP accounts are prepaid and never go below zero. */
export function toBalance(balance: number, endpoint: string): number {
  if (!isKopecks(balance)) bad(endpoint, 'balance is not whole non-negative kopecks');
  return balance;
}

export function toPermit(wire: WirePermit, endpoint: string): ResidentPermit {
  if (parsePlate(wire.plate) !== wire.plate) bad(endpoint, 'permits[].plate is not a canonical plate');
  if (!ZONE.test(wire.zone)) bad(endpoint, 'permits[].zone is not four digits');
  if (!isCalendarDate(wire.validFrom) || !isCalendarDate(wire.validTo)) bad(endpoint, 'permits[].validFrom/validTo is not YYYY-MM-DD');
  if (wire.validTo < wire.validFrom) bad(endpoint, 'permits[].validTo is before validFrom');
  if (!PERMIT_STATUSES.has(wire.status)) bad(endpoint, 'permits[].status is not a known status');
  return { id: wire.id, plate: wire.plate, zone: wire.zone, validFrom: wire.validFrom, validUntil: wire.validTo, status: wire.status as PermitStatus };
}

/** AMPP writes Moscow wall-clock time without an offset; an offset, should one appear, is honoured. */
const sessionTime = (text: string): string | undefined => toMoscowInstant(text);

/** AMPP session → domain. */
export function toSession(wire: WireSession, endpoint: string): ParkingSession {
  const startTime = sessionTime(wire.startTime);
  const endTime = sessionTime(wire.endTime);
  if (!startTime || !endTime) bad(endpoint, 'session.startTime/endTime is not YYYY-MM-DDTHH:MM:SS');
  if (parsePlate(wire.plate) !== wire.plate) bad(endpoint, 'session.plate is not a canonical plate');
  if (!ZONE.test(wire.zone)) bad(endpoint, 'session.zone is not four digits');
  if (!isKopecks(wire.cost)) bad(endpoint, 'session.cost is not whole kopecks');
  const status = SESSION_STATUSES[wire.status];
  if (!status) bad(endpoint, 'session.status is not a known status');
  return { id: wire.id, plate: wire.plate, zone: wire.zone, startTime, endTime, costKopecks: wire.cost, status };
}
