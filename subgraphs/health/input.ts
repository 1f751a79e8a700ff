import type { BookingRequest } from '../../adapters/emias';
import { graphqlError } from '../../platform/errors';
import type { BookAppointmentInput } from './generated/resolvers-types';

/**
 * Argument checks that run before any legacy call: a malformed argument is BAD_USER_INPUT naming
 * the field, and nothing is sent to the registry or EMIAS.
 */

const NUMERIC_ID = /^\d{1,15}$/;
const DOCUMENT_ID = /^[A-Za-z0-9-]{1,64}$/;
/** No EMIAS reception slot lasts longer than this; a longer span is a client bug. */
const MAX_SLOT_MS = 4 * 60 * 60 * 1000;

const badInput = (field: string, message: string) => graphqlError('BAD_USER_INPUT', message, { field });

export function numericId(value: string, field: string): string {
  if (!NUMERIC_ID.test(value)) throw badInput(field, `${field} is a numeric EMIAS id.`);
  return value;
}

export function documentId(value: string, field: string): string {
  if (!DOCUMENT_ID.test(value)) throw badInput(field, `${field} is not a medical card document id.`);
  return value;
}

/** A page size within 1..max. */
export function pageSize(value: number, max: number, field = 'first'): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(field, `${field} must be a whole number from 1 to ${max}.`);
  return value;
}

export function dateRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badInput('to', 'to must not be before from.');
}

/** The slot asked for, its ids checked; its times were checked as DateTime by the scalar already. */
export function bookingRequest(input: BookAppointmentInput): BookingRequest {
  const start = Date.parse(input.startTime);
  const end = Date.parse(input.endTime);
  if (!(end > start)) throw badInput('endTime', 'endTime must be after startTime.');
  if (end - start > MAX_SLOT_MS) throw badInput('endTime', 'A slot is at most four hours long.');
  return {
    specialityId: numericId(input.specialityId, 'specialityId'),
    doctorId: numericId(input.doctorId, 'doctorId'),
    complexResourceId: numericId(input.complexResourceId, 'complexResourceId'),
    startTime: input.startTime,
    endTime: input.endTime,
  };
}
