import { LegacyRejectionError } from '../transport';
import { interpretRpcError } from './errors';
import readTimedOut from './fixtures/error-read-timed-out.json';
import slotBusy from './fixtures/error-slot-busy.json';

const endpoint = 'POST /api/emc/appointment-eip/v1/?createAppointment';

describe('interpretRpcError', () => {
  it("reads a taken slot as SLOT_TAKEN, without passing on EMIAS's free text", () => {
    const error = interpretRpcError(slotBusy.error, endpoint);
    expect(error).toBeInstanceOf(LegacyRejectionError);
    expect(error).toMatchObject({ code: 'SLOT_TAKEN', system: 'emias', endpoint });
    expect(error.message).not.toContain(slotBusy.error.message);
  });

  it('reads "Read timed out" as the system failing, not as a refusal', () => {
    expect(interpretRpcError(readTimedOut.error, endpoint)).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'emias' });
    expect(interpretRpcError({ code: -32603, message: 'Internal error' }, endpoint).code).toBe('LEGACY_UNAVAILABLE');
  });

  it.each([
    ['SPECIALITY_NOT_AVAILABLE', 'SPECIALITY_NOT_ALLOWED'],
    ['APPOINTMENT_NOT_FOUND', 'APPOINTMENT_NOT_FOUND'],
    ['PATIENT_NOT_FOUND', 'NOT_FOUND'],
    ['RESOURCE_NOT_FOUND', 'NOT_FOUND'],
    ['SLOT_UNAVAILABLE', 'RULE_VIOLATION'],
    ['SOMETHING_NEW', 'RULE_VIOLATION'],
  ])('reads data.code %s as %s', (dataCode, code) => {
    expect(interpretRpcError({ code: 700, message: 'x', data: { code: dataCode } }, endpoint).code).toBe(code);
  });

  it('reads JSON-RPC protocol errors as our request being broken', () => {
    expect(interpretRpcError({ code: -32602, message: 'Invalid params', data: { code: 'INVALID_PARAMS' } }, endpoint).code).toBe('LEGACY_BAD_RESPONSE');
  });
});
