import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWire } from '../transport';
import { PAYMENTS_REGISTER_SYSTEM, registerFault } from './errors';
import { toConfirmationResult } from './mapper';
import type { FinePayment } from './port';
import { readSoapDocument, soapFaultOf } from './soap-envelope';
import { WireImportPaymentEnvelope } from './wire';

const ENDPOINT = 'POST /gisgmp/ws ImportPayment';
const document = (name: string): unknown => readSoapDocument(readFileSync(join(__dirname, 'fixtures', name), 'utf8'), ENDPOINT);
/** The payment the fixtures were recorded with (fixtures/README.md). */
const SENT: FinePayment = { paymentId: '3f6c1a2e-8d4b-4c7a-9e21-5b0d7f3a9c11', uin: '18810776428967960075', amountKopecks: 50000, paidAt: '2026-11-21T11:58:00.000+03:00' };
const result = (name: string, sent = SENT) => toConfirmationResult(parseWire(WireImportPaymentEnvelope, document(name), PAYMENTS_REGISTER_SYSTEM, ENDPOINT), sent, ENDPOINT);

/** The register's answers as recorded from the parking simulator, read into the domain. */
describe('payments register mapper', () => {
  it('reads a new payment as ACCEPTED and the same payment again as ALREADY_ACCEPTED', () => {
    expect(result('import-accepted.xml')).toBe('ACCEPTED');
    expect(result('import-already-accepted.xml')).toBe('ALREADY_ACCEPTED');
  });

  it('turns a payment id used for another payment into PAYMENT_CONFIRMATION_CONFLICT', () => {
    expect(() => result('import-conflict.xml')).toThrow(expect.objectContaining({ code: 'PAYMENT_CONFIRMATION_CONFLICT', system: 'payments-register' }));
  });

  it('never takes a protocol about another payment for an acknowledgment of this one', () => {
    expect(() => result('import-accepted.xml', { ...SENT, paymentId: 'another' })).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    expect(() => result('import-accepted.xml', { ...SENT, uin: '18810177000000000002' })).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
  });

  it('reads a soap:Client fault as our request refused and a failed WS-Security check as our token refused', () => {
    const client = soapFaultOf(document('fault-client.xml'));
    expect(client).toMatchObject({ faultcode: 'soap:Client' });
    expect(registerFault(ENDPOINT, 500, client!)).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', message: expect.stringContaining('soap:Client') });
    const auth = soapFaultOf(document('fault-authentication.xml'));
    expect(registerFault(ENDPOINT, 401, auth!)).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', message: expect.stringContaining('token') });
    expect(registerFault(ENDPOINT, 500, { faultcode: 'soap:Server', faultstring: 'down' })).toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
  });
});
