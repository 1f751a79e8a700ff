import type { ErrorCode } from '../../platform/errors';
import { LegacyBadResponseError, type LegacyError, LegacyNotFoundError, LegacyRejectionError, LegacyUnavailableError } from '../transport';
import type { WireRpcError } from './wire';

const SYSTEM = 'emias';

/** EMIAS's own fault in an HTTP 200 ("Read timed out"): the system is struggling, not refusing us. */
export class EmiasTransientError extends LegacyUnavailableError {
  constructor(endpoint: string) {
    super(SYSTEM, endpoint, undefined, `${SYSTEM} reported a transient fault`);
  }
}

/**
 * Business refusals by `error.data.code`, with the graph code that explains each to a client and
 * a reason in our words (EMIAS's own message is not passed on: it is free text).
 */
const REFUSALS: Readonly<Record<string, { code: ErrorCode; reason: string }>> = {
  SLOT_BUSY: { code: 'SLOT_TAKEN', reason: 'The slot is already taken; choose another.' },
  SLOT_UNAVAILABLE: { code: 'RULE_VIOLATION', reason: "The slot is not open for booking (in the past or not on the doctor's schedule)." },
  SPECIALITY_NOT_AVAILABLE: { code: 'SPECIALITY_NOT_ALLOWED', reason: 'This speciality cannot be booked directly by the patient; a referral is needed.' },
  APPOINTMENT_NOT_FOUND: { code: 'APPOINTMENT_NOT_FOUND', reason: 'No such appointment, or it is already cancelled.' },
  RESOURCE_NOT_FOUND: { code: 'NOT_FOUND', reason: 'EMIAS has no such doctor for this patient.' },
  SPECIALITY_NOT_FOUND: { code: 'NOT_FOUND', reason: 'EMIAS has no such speciality.' },
};

const TRANSIENT = new Set(['TIMEOUT', 'READ_TIMEOUT', 'SERVICE_UNAVAILABLE']);

/**
 * Turns a JSON-RPC `error` — which EMIAS sends with HTTP 200 — into the error it means. Never
 * returns success: a body with `error` is a failure whatever its status.
 */
export function interpretRpcError(error: WireRpcError, endpoint: string): LegacyError {
  const dataCode = error.data?.code;
  const internal = error.code === -32603;
  if (internal || (dataCode && TRANSIENT.has(dataCode)) || /timed out/i.test(error.message ?? '')) return new EmiasTransientError(endpoint);
  if (dataCode === 'PATIENT_NOT_FOUND') return new LegacyNotFoundError(SYSTEM, endpoint);
  const refusal = dataCode ? REFUSALS[dataCode] : undefined;
  if (refusal) return new LegacyRejectionError(SYSTEM, endpoint, refusal.code, refusal.reason);
  // JSON-RPC's own codes mean EMIAS did not understand what we sent: our side of the protocol broke.
  if (error.code !== undefined && error.code <= -32600 && error.code >= -32700) {
    return new LegacyBadResponseError(SYSTEM, endpoint, `the request was refused as malformed (JSON-RPC ${error.code})`);
  }
  return new LegacyRejectionError(SYSTEM, endpoint, 'RULE_VIOLATION', 'EMIAS refused the request.');
}
