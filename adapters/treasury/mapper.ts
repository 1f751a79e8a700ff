import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { TREASURY_SYSTEM } from './errors';
import type { TreasuryAccountStatus, TreasurySummary } from './port';
import type { WireTreasurySummary } from './wire';

/** The system's words for a status → the domain's. */
const STATUS: Readonly<Record<string, TreasuryAccountStatus>> = { active: 'ACTIVE', suspended: 'SUSPENDED', closed: 'CLOSED' };
const PERSON_ID = /^[1-9]\d{0,9}$/;
/** Printable, without control or format characters, at most 32: what the graph shows as an account number. */
const ACCOUNT_NUMBER = /^[\p{L}\p{N}\p{P}\p{S}]{1,32}$/u;

/**
 * An account of the treasury system → domain, refusing what the graph could not show rather than passing it on.
 * The reasons name the field, never its value: a payload may carry personal data.
 */
export function toTreasurySummary(wire: WireTreasurySummary, endpoint: string): TreasurySummary {
  const bad = (reason: string): never => {
    throw new LegacyBadResponseError(TREASURY_SYSTEM, endpoint, reason);
  };
  if (!PERSON_ID.test(wire.person_id)) bad('summary.person_id is not a person id');
  if (!ACCOUNT_NUMBER.test(wire.account_number)) bad('summary.account_number is not 1 to 32 printable characters');
  const status = STATUS[wire.status] ?? bad('summary.status is not one the graph knows');
  if (!Number.isInteger(wire.open_items) || wire.open_items < 0) bad('summary.open_items is not a whole number of at least 0');
  const updatedAt = toMoscowInstant(wire.updated_at, { requireOffset: true }) ?? bad('summary.updated_at is not an instant with its offset');
  return { personId: wire.person_id, accountNumber: wire.account_number, status, openItems: wire.open_items, updatedAt };
}
