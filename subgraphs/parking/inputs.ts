import type { StartSessionInput } from '../../adapters/parking';
import { graphqlError } from '../../platform/errors';
import { parsePlate } from '../../platform/identifiers';
import type { StartParkingSessionInput } from './generated/resolvers-types';

/**
 * Checks of client input, made before any legacy call so that a bad argument costs nothing and
 * writes nothing.
 */

export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 1440;
export const MAX_FINES = 100;
export const MAX_SESSIONS_PAGE = 50;
const ZONE = /^\d{4}$/;

/** The input with its plate in canonical Cyrillic, or INVALID_PLATE / BAD_USER_INPUT. */
export function checkStartSession(input: StartParkingSessionInput): Omit<StartSessionInput, 'accountId'> {
  const plate = parsePlate(input.plate);
  if (!plate) throw graphqlError('INVALID_PLATE', 'Not a valid vehicle registration plate (А123ВС77).', { field: 'plate' });
  if (!ZONE.test(input.zone)) throw graphqlError('BAD_USER_INPUT', 'A parking zone is four digits, as on the sign (0103).', { field: 'zone' });
  if (!Number.isInteger(input.minutes) || input.minutes < MIN_SESSION_MINUTES || input.minutes > MAX_SESSION_MINUTES) {
    throw graphqlError('BAD_USER_INPUT', `A session is ${MIN_SESSION_MINUTES} to ${MAX_SESSION_MINUTES} whole minutes.`, { field: 'minutes' });
  }
  return { plate, zone: input.zone, minutes: input.minutes };
}

export function checkSessionId(sessionId: string): string {
  if (!/^\d{1,12}$/.test(sessionId)) throw graphqlError('BAD_USER_INPUT', 'A session id is a number.', { field: 'sessionId' });
  return sessionId;
}

export function checkParkingId(id: string): string {
  if (!/^\d{1,9}$/.test(id)) throw graphqlError('BAD_USER_INPUT', 'A parking id is a number.', { field: 'id' });
  return id;
}

export function checkCount(value: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw graphqlError('BAD_USER_INPUT', `${field} must be 1..${max}.`, { field });
  return value;
}

/** Cursors are opaque to clients; inside, the offset into AMPP's list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor this field gave out.', { field: 'after' });
  return Number(m[1]);
}
