import { createAcquirerSimulator, MERCHANT_LOGIN, TEST_CARDS } from '../../legacy/acquirer';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { runInRequestScope } from '../../platform/request-scope';
import { acquirerCharges, payOnForm } from '../../test/support/payment-ledgers';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { LegacyTransport } from '../transport';
import { AcquirerClient } from './client';
import type { OrderRegistration } from './port';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const REGISTER = 'POST /payment/rest/register.do';
const STATUS = 'POST /payment/rest/getOrderStatusExtended.do';
const REVERSE = 'POST /payment/rest/reverse.do';

describe('AcquirerClient against the acquirer simulator', () => {
  const clock = new AdjustableClock(NOW);
  let client: AcquirerClient;
  let serial = 0;
  const order = (changes: Partial<OrderRegistration> = {}): OrderRegistration => ({
    orderNumber: `c-${process.pid}-${++serial}`,
    amountKopecks: 25_000,
    returnUrl: 'https://pay.city.example/done',
    failUrl: 'https://pay.city.example/failed',
    description: 'Штраф ГИБДД',
    params: { kind: 'fine' },
    ...changes,
  });

  const under = simulatorUnderTest({
    system: 'acquirer',
    simulator: () => createAcquirerSimulator({ population: new Population(), clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
    clock,
    at: NOW,
    transport: { timeoutMs: 1000 },
  });
  beforeAll(() => {
    client = new AcquirerClient({ transport: under.transport, credentials: { userName: MERCHANT_LOGIN, password: DEFAULT_SERVICE_TOKEN } });
  });

  it('registers an order, the payer pays on the form, and the status says PAID with the money charged', async () => {
    const registration = order({ sessionTimeoutSeconds: 900 });
    const registered = await client.registerOrder(registration);
    expect(await client.getOrderStatus({ orderId: registered.orderId })).toMatchObject({ state: 'REGISTERED', amountKopecks: 25_000, chargedKopecks: 0, params: { kind: 'fine' } });
    await payOnForm(registered.formUrl, TEST_CARDS.pays);
    const paid = await client.getOrderStatus({ orderNumber: registration.orderNumber });
    expect(paid).toMatchObject({ orderId: registered.orderId, state: 'PAID', chargedKopecks: 25_000, declineReason: null });
    expect(await acquirerCharges(under.sim.url, registration.orderNumber)).toMatchObject({ charged: 1, chargedKopecks: 25_000 });
  });

  it('reads a 3-D Secure failure and an expired session as declines with their reasons', async () => {
    const failed = await client.registerOrder(order());
    await payOnForm(failed.formUrl, TEST_CARDS.failsThreeDSecure);
    expect(await client.getOrderStatus({ orderId: failed.orderId })).toMatchObject({ state: 'DECLINED', declineReason: 'THREE_DS_FAILED' });
    const left = await client.registerOrder(order({ sessionTimeoutSeconds: 60 }));
    await payOnForm(left.formUrl, TEST_CARDS.abandonsThreeDSecure);
    expect(await client.getOrderStatus({ orderId: left.orderId })).toMatchObject({ state: 'AWAITING_3DS' });
    clock.set(new Date(NOW.getTime() + 61_000));
    expect(await client.getOrderStatus({ orderId: left.orderId })).toMatchObject({ state: 'DECLINED', declineReason: 'EXPIRED' });
  });

  it('reverses an order not yet paid, which can then never be paid; a second reverse is PAYMENT_STATE_CONFLICT', async () => {
    const registered = await client.registerOrder(order());
    await client.reverse(registered.orderId);
    expect(await payOnForm(registered.formUrl, TEST_CARDS.pays)).toMatchObject({ errorCode: 3 });
    await expect(client.reverse(registered.orderId)).rejects.toMatchObject({ code: 'PAYMENT_STATE_CONFLICT', bankErrorCode: '7', system: 'acquirer' });
    expect(await client.getOrderStatus({ orderId: registered.orderId })).toMatchObject({ state: 'REVERSED', chargedKopecks: 0 });
  });

  it('refunds part of a charge and refuses to refund more than is left', async () => {
    const registered = await client.registerOrder(order());
    await payOnForm(registered.formUrl, TEST_CARDS.pays);
    await client.refund(registered.orderId, 10_000);
    await expect(client.refund(registered.orderId, 15_001)).rejects.toMatchObject({ code: 'PAYMENT_STATE_CONFLICT' });
    expect(await client.getOrderStatus({ orderId: registered.orderId })).toMatchObject({ state: 'REFUNDED', refundedKopecks: 10_000, chargedKopecks: 15_000 });
  });

  it('holds a two-stage payment and charges it on deposit', async () => {
    const registered = await client.registerOrder(order({ twoStage: true }));
    await expect(client.deposit(registered.orderId)).rejects.toMatchObject({ code: 'PAYMENT_STATE_CONFLICT' });
    await payOnForm(registered.formUrl, TEST_CARDS.pays);
    expect(await client.getOrderStatus({ orderId: registered.orderId })).toMatchObject({ state: 'HELD', approvedKopecks: 25_000, chargedKopecks: 0 });
    await client.deposit(registered.orderId);
    expect(await client.getOrderStatus({ orderId: registered.orderId })).toMatchObject({ state: 'PAID', chargedKopecks: 25_000 });
  });

  it("types the bank's refusals: a taken order number, an unknown order, refused credentials", async () => {
    const registration = order();
    await client.registerOrder(registration);
    await expect(client.registerOrder(registration)).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_REGISTERED', bankErrorCode: '1' });
    await expect(client.getOrderStatus({ orderNumber: 'never-registered' })).rejects.toMatchObject({ code: 'NOT_FOUND', bankErrorCode: '6' });
    const wrong = new AcquirerClient({ transport: under.transport, credentials: { token: 'guess' } });
    await expect(wrong.getOrderStatus({ orderNumber: registration.orderNumber })).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', bankErrorCode: '5' });
  });

  it('never sends a write twice: a failed register or reverse reaches the bank once; a status read is retried', async () => {
    under.sim.faults.set({ errorRate: 1, status: 503 });
    await expect(client.registerOrder(order())).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'acquirer' });
    await expect(client.reverse('5a1b2c3d-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    await expect(client.getOrderStatus({ orderNumber: 'anything' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    const calls = under.sim.stats.snapshot().endpoints;
    expect(calls[REGISTER]).toBe(1);
    expect(calls[REVERSE]).toBe(1);
    expect(calls[STATUS]).toBeGreaterThan(1);
  });

  it('takes a system error inside HTTP 200 for an outage, not an answer', async () => {
    under.sim.faults.set({ errorRate: 1, status: 200 });
    await expect(client.getOrderStatus({ orderNumber: 'anything' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', bankErrorCode: '7' });
    await expect(client.reverse('5a1b2c3d-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', bankErrorCode: '7' });
  });

  it.each(MALFORMED_KINDS)('turns %s garbage into LEGACY_BAD_RESPONSE, and never takes it for a done reverse', async (malformed) => {
    const registered = await client.registerOrder(order());
    under.sim.faults.set({ malformed });
    await expect(client.reverse(registered.orderId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'acquirer' });
    await expect(client.getOrderStatus({ orderId: registered.orderId })).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });

  it('ends a hung call by the deadline of the request scope, not by its own longer timeout', async () => {
    const patient = new LegacyTransport({ system: 'acquirer', baseUrl: under.sim.url, timeoutMs: 20_000 });
    try {
      const scoped = new AcquirerClient({ transport: patient, credentials: { token: DEFAULT_SERVICE_TOKEN } });
      under.sim.faults.set({ hang: true });
      const failure = await runInRequestScope({ deadline: Date.now() + 300 }, () => scoped.getOrderStatus({ orderNumber: 'anything' }).catch((error: unknown) => error));
      expect(failure).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'acquirer' });
      expect((failure as { timeoutMs: number }).timeoutMs).toBeLessThanOrEqual(300);
    } finally {
      under.sim.faults.clear();
      await patient.close();
    }
  });

  it('refuses arguments the bank could not take before calling it', async () => {
    await expect(client.registerOrder(order({ amountKopecks: 10.5 }))).rejects.toBeInstanceOf(RangeError);
    await expect(client.registerOrder(order({ orderNumber: 'has space' }))).rejects.toBeInstanceOf(RangeError);
    await expect(client.refund('x', 0)).rejects.toBeInstanceOf(RangeError);
    expect(under.sim.stats.snapshot().total).toBe(0);
  });
});
