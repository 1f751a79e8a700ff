import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWire } from '../transport';
import { ACQUIRER_SYSTEM, acquirerRefusal } from './errors';
import { toOrderStatus, toRegisteredOrder } from './mapper';
import { WireErrorReply, WireOrderStatus, WireRegisterReply } from './wire';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const ENDPOINT = 'POST /payment/rest/getOrderStatusExtended.do';
const status = (name: string, askedOrderId?: string) => toOrderStatus(parseWire(WireOrderStatus, fixture(name), ACQUIRER_SYSTEM, ENDPOINT), ENDPOINT, askedOrderId);
const ORDER_ID = '69dd6ab0-23ca-4252-a6d1-13fde89841dc';

/** The acquirer's answers as recorded from the simulator (fixtures/README.md), read into the domain. */
describe('acquirer mapper', () => {
  it('reads register.do into the order id and the form URL', () => {
    expect(toRegisteredOrder(parseWire(WireRegisterReply, fixture('register.json'), ACQUIRER_SYSTEM, 'POST /payment/rest/register.do'))).toEqual({
      orderId: ORDER_ID,
      formUrl: expect.stringContaining(`/payment_ru.html?mdOrder=${ORDER_ID}`),
    });
  });

  it('reads a registered order: nothing approved, deposited or charged', () => {
    expect(status('status-registered.json', ORDER_ID)).toEqual({
      orderId: ORDER_ID,
      orderNumber: 'p-0001',
      state: 'REGISTERED',
      declineReason: null,
      actionCode: -100,
      amountKopecks: 50000,
      approvedKopecks: 0,
      depositedKopecks: 0,
      refundedKopecks: 0,
      chargedKopecks: 0,
      params: { kind: 'fine', uin: '18810177000000000002' },
      registeredAt: '2026-11-21T12:00:00+03:00',
      authorisedAt: null,
    });
  });

  it('reads a paid order read by its number, taking the id from the mdOrder attribute, and leaves the card out', () => {
    const paid = status('status-paid.json');
    expect(paid).toMatchObject({ orderId: ORDER_ID, state: 'PAID', actionCode: 0, depositedKopecks: 50000, chargedKopecks: 50000, authorisedAt: '2026-11-21T12:00:00+03:00' });
    expect(JSON.stringify(paid)).not.toMatch(/CARD HOLDER|411111|approval/i);
  });

  it('takes errorCode as a number too, as some gateways send it', () => {
    expect(parseWire(WireErrorReply, fixture('status-paid-numeric-error-code.json'), ACQUIRER_SYSTEM, ENDPOINT).errorCode).toBe('0');
    expect(status('status-paid-numeric-error-code.json').state).toBe('PAID');
  });

  it.each([
    ['status-declined-3ds.json', { state: 'DECLINED', declineReason: 'THREE_DS_FAILED', chargedKopecks: 0 }],
    ['status-expired.json', { state: 'DECLINED', declineReason: 'EXPIRED', actionCode: -2007 }],
    ['status-held.json', { state: 'HELD', approvedKopecks: 50000, depositedKopecks: 0, chargedKopecks: 0 }],
    ['status-refunded.json', { state: 'REFUNDED', depositedKopecks: 50000, refundedKopecks: 20000, chargedKopecks: 30000 }],
    ['status-reversed.json', { state: 'REVERSED', depositedKopecks: 0, chargedKopecks: 0 }],
  ])('reads %s', (name, expected) => {
    expect(status(name)).toMatchObject(expected);
  });

  it('refuses an answer for another order, and amounts that do not add up', () => {
    expect(() => status('status-paid.json', '00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    const wire = parseWire(WireOrderStatus, fixture('status-refunded.json'), ACQUIRER_SYSTEM, ENDPOINT);
    const overRefunded = { ...wire, paymentAmountInfo: { ...wire.paymentAmountInfo, refundedAmount: 60000 } };
    expect(() => toOrderStatus(overRefunded, ENDPOINT)).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    const paidWithNothing = { ...wire, orderStatus: 2, paymentAmountInfo: { depositedAmount: 0 } };
    expect(() => toOrderStatus(paidWithNothing, ENDPOINT)).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    const noId = { ...wire, attributes: [] };
    expect(() => toOrderStatus(noId, ENDPOINT)).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
  });

  it.each([
    ['register-order-number-taken.json', 'register', { code: 'PAYMENT_ALREADY_REGISTERED', bankErrorCode: '1' }],
    ['status-not-found.json', 'status', { code: 'NOT_FOUND', bankErrorCode: '6' }],
    ['action-state-refused.json', 'change', { code: 'PAYMENT_STATE_CONFLICT', bankErrorCode: '7' }],
    ['action-refund-too-much.json', 'change', { code: 'PAYMENT_STATE_CONFLICT', bankErrorCode: '7' }],
    ['system-error.json', 'change', { code: 'LEGACY_UNAVAILABLE', bankErrorCode: '7' }],
    ['system-error.json', 'status', { code: 'LEGACY_UNAVAILABLE', bankErrorCode: '7' }],
    ['access-denied.json', 'status', { code: 'LEGACY_BAD_RESPONSE', bankErrorCode: '5' }],
  ] as const)('turns %s on a %s call into its typed error', (name, kind, expected) => {
    const reply = parseWire(WireErrorReply, fixture(name), ACQUIRER_SYSTEM, ENDPOINT);
    const error = acquirerRefusal(ENDPOINT, kind, reply.errorCode ?? '', reply.errorMessage);
    expect(error).toMatchObject({ ...expected, system: 'acquirer' });
    // Our words, never the bank's message or anything of the request.
    expect(error.message).not.toMatch(/[а-яё]/i);
  });
});
