import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { acquirerCharges, eventually, payOnForm } from '../../test/support/payment-ledgers';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../kit';
import { Population } from '../population';
import { type CallbackDelivery, callbackChecksum } from './callbacks';
import { MERCHANT_LOGIN } from './merchant-auth';
import { createAcquirerSimulator } from './simulator';
import { TEST_CARDS } from './test-cards';

const NOW = new Date('2026-11-21T12:00:00+03:00');

type Json = Record<string, unknown>;

/** Our side of the notification callback: an HTTP server on port 0 that keeps what it was told. */
class CallbackReceiver {
  readonly received: URLSearchParams[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.received.push(new URL(req.url ?? '/', 'http://receiver').searchParams);
    res.end('OK');
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/payments/callback`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  for(orderNumber: string): URLSearchParams[] {
    return this.received.filter((p) => p.get('orderNumber') === orderNumber);
  }
}

describe('acquirer simulator', () => {
  const clock = new AdjustableClock(NOW);
  const receiver = new CallbackReceiver();
  let sim: RunningSimulator;
  let serial = 0;
  /** A fresh order number per test, under one prefix, so the charges of this file can be read apart. */
  const orderNumber = (): string => `t-${process.pid}-${++serial}`;

  const rest = async (method: string, fields: Record<string, string>, credentials: Record<string, string> = { userName: MERCHANT_LOGIN, password: DEFAULT_SERVICE_TOKEN }): Promise<Json> => {
    const res = await request(`${sim.url}/payment/rest/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...credentials, ...fields }).toString(),
    });
    expect(res.statusCode).toBe(200);
    return (await res.body.json()) as Json;
  };
  const register = (fields: Record<string, string> = {}, method = 'register.do') =>
    rest(method, {
      orderNumber: orderNumber(),
      amount: '50000',
      currency: '643',
      returnUrl: 'https://pay.city.example/done',
      failUrl: 'https://pay.city.example/failed',
      description: 'Штраф',
      ...fields,
    });
  const status = (fields: Record<string, string>) => rest('getOrderStatusExtended.do', fields);
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> => {
    const res = await request(`${sim.url}/__admin${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return (await res.body.json()) as Json;
  };
  const deliveries = async (): Promise<CallbackDelivery[]> => (await admin('GET', '/callbacks')).deliveries as CallbackDelivery[];

  beforeAll(async () => {
    await receiver.start();
    sim = await startSimulator(createAcquirerSimulator({ population: new Population(), clock, serviceToken: DEFAULT_SERVICE_TOKEN }, { callbackUrl: receiver.url }), { clock });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    sim.faults.clear();
    sim.stats.reset();
    clock.set(NOW);
    await admin('POST', '/callbacks', { url: receiver.url, drop: false });
  });

  describe('register.do', () => {
    it('registers an order and answers its id and the payment form URL; the order is unpaid, with no attempt yet', async () => {
      const registered = await register({ jsonParams: JSON.stringify({ uin: '18810177000000000002', kind: 'fine' }) });
      expect(registered).toEqual({
        orderId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        formUrl: `${sim.url}/payment/merchants/city-treasury/payment_ru.html?mdOrder=${String(registered.orderId)}`,
      });
      expect(await status({ orderId: String(registered.orderId) })).toMatchObject({
        errorCode: '0',
        orderStatus: 0,
        actionCode: -100,
        amount: 50000,
        currency: '643',
        merchantOrderParams: [
          { name: 'uin', value: '18810177000000000002' },
          { name: 'kind', value: 'fine' },
        ],
        attributes: [{ name: 'mdOrder', value: registered.orderId }],
        paymentAmountInfo: { paymentState: 'CREATED', approvedAmount: 0, depositedAmount: 0, refundedAmount: 0 },
      });
    });

    it('refuses a repeated order number with errorCode 1, and the first order stays as it was', async () => {
      const number = orderNumber();
      const first = await register({ orderNumber: number });
      expect(await register({ orderNumber: number, amount: '1' })).toEqual({ errorCode: '1', errorMessage: 'Заказ с таким номером уже обработан' });
      expect(await status({ orderNumber: number })).toMatchObject({ amount: 50000, attributes: [{ name: 'mdOrder', value: first.orderId }] });
    });

    it('takes a token instead of userName and password, and refuses wrong credentials with errorCode 5', async () => {
      expect(await rest('register.do', { orderNumber: orderNumber(), amount: '100', returnUrl: 'https://x.example/' }, { token: DEFAULT_SERVICE_TOKEN })).toHaveProperty('orderId');
      const attempts: Array<Record<string, string>> = [{ token: 'guess' }, { userName: MERCHANT_LOGIN, password: 'guess' }, { userName: 'someone', password: DEFAULT_SERVICE_TOKEN }, {}];
      for (const credentials of attempts) {
        expect(await rest('register.do', { orderNumber: orderNumber(), amount: '100', returnUrl: 'https://x.example/' }, credentials)).toEqual({
          errorCode: '5',
          errorMessage: 'Доступ запрещён',
        });
      }
    });

    it.each([
      [{ orderNumber: '' }, '4'],
      [{ orderNumber: 'has space' }, '5'],
      [{ amount: '' }, '5'],
      [{ amount: '0' }, '5'],
      [{ amount: '12.50' }, '5'],
      [{ currency: '840' }, '3'],
      [{ returnUrl: '' }, '4'],
      [{ returnUrl: 'javascript:alert(1)' }, '5'],
      [{ sessionTimeoutSecs: '0' }, '5'],
      [{ sessionTimeoutSecs: 'soon' }, '5'],
      [{ jsonParams: '[1,2]' }, '5'],
      [{ jsonParams: '{"nested":{"a":1}}' }, '5'],
    ])('refuses %j with errorCode %s and registers nothing', async (fields, errorCode) => {
      const before = (await acquirerCharges(sim.url)).registered;
      expect(await register(fields)).toMatchObject({ errorCode, errorMessage: expect.any(String) });
      expect((await acquirerCharges(sim.url)).registered).toBe(before);
    });
  });

  describe('getOrderStatusExtended.do', () => {
    it('finds an order by its number as well as by its id; an unknown order is errorCode 6, neither is errorCode 4', async () => {
      const number = orderNumber();
      const { orderId } = await register({ orderNumber: number });
      expect(await status({ orderNumber: number })).toMatchObject({ errorCode: '0', orderNumber: number, attributes: [{ name: 'mdOrder', value: orderId }] });
      expect(await status({ orderId: '5a1b2c3d-0000-4000-8000-000000000000' })).toMatchObject({ errorCode: '6' });
      expect(await status({ orderNumber: 'never-registered' })).toMatchObject({ errorCode: '6' });
      expect(await status({})).toMatchObject({ errorCode: '4' });
    });
  });

  describe('the payment form', () => {
    it('shows the order, takes a card and charges it once: paid, masked card, a second payment refused', async () => {
      const number = orderNumber();
      const { orderId, formUrl } = await register({ orderNumber: number, description: 'Штраф <b>12.9ч.2</b>' });
      const page = await request(String(formUrl));
      const html = await page.body.text();
      expect(html).toContain('500,00 ₽');
      expect(html).toContain('Штраф &#60;b&#62;12.9ч.2&#60;/b&#62;');

      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toEqual({ errorCode: 0, redirect: `https://pay.city.example/done?orderId=${String(orderId)}` });
      const paid = await status({ orderId: String(orderId) });
      expect(paid).toMatchObject({
        orderStatus: 2,
        actionCode: 0,
        cardAuthInfo: { maskedPan: '411111**1111', expiration: '203012', paymentSystem: 'VISA', approvalCode: expect.stringMatching(/^\d{6}$/) },
        paymentAmountInfo: { paymentState: 'DEPOSITED', approvedAmount: 50000, depositedAmount: 50000, refundedAmount: 0 },
      });
      expect(JSON.stringify(paid)).not.toContain(TEST_CARDS.pays);

      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toEqual({ errorCode: 3, error: 'Заказ уже оплачен' });
      expect(await acquirerCharges(sim.url, number)).toMatchObject({ registered: 1, charged: 1, chargedKopecks: 50000 });
    });

    it('declines a card that fails 3-D Secure, sends the payer to failUrl, and takes no money', async () => {
      const number = orderNumber();
      const { orderId, formUrl } = await register({ orderNumber: number });
      expect(await payOnForm(String(formUrl), TEST_CARDS.failsThreeDSecure)).toEqual({ errorCode: 0, redirect: `https://pay.city.example/failed?orderId=${String(orderId)}` });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 6, actionCode: -2006, paymentAmountInfo: { paymentState: 'DECLINED', depositedAmount: 0 } });
      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toMatchObject({ errorCode: 3 });
      expect(await acquirerCharges(sim.url, number)).toMatchObject({ charged: 0, declined: 1 });
    });

    it("declines for want of funds with the issuer's action code", async () => {
      const { orderId, formUrl } = await register();
      await payOnForm(String(formUrl), TEST_CARDS.insufficientFunds);
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 6, actionCode: 116 });
    });

    it('refuses a number that is not a card, and the order can still be paid', async () => {
      const { orderId, formUrl } = await register();
      expect(await payOnForm(String(formUrl), '4111111111111112')).toEqual({ errorCode: 1, error: 'Неверные данные карты' });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 0 });
      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toMatchObject({ errorCode: 0 });
    });
  });

  describe('expiry by the clock and sessionTimeoutSecs', () => {
    it('declines an unpaid order once its session has run out (actionCode -2007), and the form no longer takes a card', async () => {
      const { orderId, formUrl } = await register({ sessionTimeoutSecs: '60' });
      clock.set(new Date(NOW.getTime() + 59_000));
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 0 });
      clock.set(new Date(NOW.getTime() + 60_000));
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 6, actionCode: -2007, actionCodeDescription: 'Истек срок ожидания ввода данных' });
      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toEqual({ errorCode: 3, error: 'Время сессии истекло' });
    });

    it('lets a payer who never returns from 3-D Secure wait at orderStatus 5, then expires the order', async () => {
      const { orderId, formUrl } = await register({ sessionTimeoutSecs: '300' });
      expect(await payOnForm(String(formUrl), TEST_CARDS.abandonsThreeDSecure)).toMatchObject({ errorCode: 0, info: expect.any(String) });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 5, paymentAmountInfo: { paymentState: 'STARTED' } });
      clock.set(new Date(NOW.getTime() + 300_000));
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 6, actionCode: -2007 });
    });

    it('expires orders nobody asks about, by timer, and notifies the merchant', async () => {
      const number = orderNumber();
      await register({ orderNumber: number, sessionTimeoutSecs: '30' });
      clock.set(new Date(NOW.getTime() + 31_000));
      // No call reaches the gateway: the notification can only come from its own timer.
      const told = await eventually(
        async () => receiver.for(number),
        (list) => list.length > 0,
      );
      expect(told.map((p) => [p.get('operation'), p.get('status')])).toEqual([['declinedByTimeout', '1']]);
    });
  });

  describe('reverse.do, refund.do, deposit.do', () => {
    it('reverses an unfinished order, which can then never be paid', async () => {
      const { orderId, formUrl } = await register();
      expect(await rest('reverse.do', { orderId: String(orderId) })).toEqual({ errorCode: '0', errorMessage: 'Успешно' });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 3, paymentAmountInfo: { paymentState: 'REVERSED' } });
      expect(await payOnForm(String(formUrl), TEST_CARDS.pays)).toEqual({ errorCode: 3, error: 'Заказ отменён' });
      expect(await rest('reverse.do', { orderId: String(orderId) })).toMatchObject({ errorCode: '7' });
    });

    it('reverses a charge the same Moscow day and returns the money; the next day only a refund will do', async () => {
      const today = orderNumber();
      const a = await register({ orderNumber: today });
      await payOnForm(String(a.formUrl), TEST_CARDS.pays);
      expect(await rest('reverse.do', { orderId: String(a.orderId) })).toMatchObject({ errorCode: '0' });
      expect(await acquirerCharges(sim.url, today)).toMatchObject({ charged: 0, reversed: 1 });

      const b = await register();
      await payOnForm(String(b.formUrl), TEST_CARDS.pays);
      clock.set(new Date('2026-11-22T00:00:01+03:00'));
      expect(await rest('reverse.do', { orderId: String(b.orderId) })).toEqual({ errorCode: '7', errorMessage: 'Операция невозможна для текущего состояния заказа' });
      expect(await status({ orderId: String(b.orderId) })).toMatchObject({ orderStatus: 2 });
    });

    it('refunds in part and then the rest, never more than was charged', async () => {
      const number = orderNumber();
      const { orderId, formUrl } = await register({ orderNumber: number });
      await payOnForm(String(formUrl), TEST_CARDS.pays);
      expect(await rest('refund.do', { orderId: String(orderId), amount: '20000' })).toMatchObject({ errorCode: '0' });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 4, paymentAmountInfo: { paymentState: 'REFUNDED', depositedAmount: 50000, refundedAmount: 20000 } });
      expect(await rest('refund.do', { orderId: String(orderId), amount: '30001' })).toEqual({ errorCode: '7', errorMessage: 'Сумма возврата превышает сумму списания' });
      expect(await rest('refund.do', { orderId: String(orderId), amount: 'all' })).toMatchObject({ errorCode: '5' });
      expect(await rest('refund.do', { orderId: String(orderId), amount: '30000' })).toMatchObject({ errorCode: '0' });
      expect(await acquirerCharges(sim.url, number)).toMatchObject({ charged: 0, chargedKopecks: 0, refunded: 1 });
    });

    it('holds a two-stage payment until deposit.do charges it, and refuses an unpaid or repeated deposit', async () => {
      const number = orderNumber();
      const { orderId, formUrl } = await register({ orderNumber: number }, 'registerPreAuth.do');
      expect(await rest('deposit.do', { orderId: String(orderId), amount: '0' })).toMatchObject({ errorCode: '7' });
      await payOnForm(String(formUrl), TEST_CARDS.pays);
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 1, paymentAmountInfo: { paymentState: 'APPROVED', approvedAmount: 50000, depositedAmount: 0 } });
      expect(await acquirerCharges(sim.url, number)).toMatchObject({ held: 1, charged: 0 });
      expect(await rest('deposit.do', { orderId: String(orderId), amount: '50001' })).toMatchObject({ errorCode: '5' });
      expect(await rest('deposit.do', { orderId: String(orderId), amount: '0' })).toMatchObject({ errorCode: '0' });
      expect(await status({ orderId: String(orderId) })).toMatchObject({ orderStatus: 2, paymentAmountInfo: { depositedAmount: 50000 } });
      expect(await rest('deposit.do', { orderId: String(orderId), amount: '0' })).toMatchObject({ errorCode: '7' });
      expect(await acquirerCharges(sim.url, number)).toMatchObject({ held: 0, charged: 1, chargedKopecks: 50000 });
    });

    it('answers errorCode 6 for an order it does not know and 4 for none named', async () => {
      for (const method of ['reverse.do', 'refund.do', 'deposit.do']) {
        expect(await rest(method, { orderId: '5a1b2c3d-0000-4000-8000-000000000000', amount: '1' })).toMatchObject({ errorCode: '6' });
        expect(await rest(method, { amount: '1' })).toMatchObject({ errorCode: '4' });
      }
    });
  });

  describe('the notification callback', () => {
    it('tells our side of each change with a checksum keyed by the merchant secret; the callback is only a hint', async () => {
      const number = orderNumber();
      const { orderId, formUrl } = await register({ orderNumber: number });
      await payOnForm(String(formUrl), TEST_CARDS.pays);
      await rest('refund.do', { orderId: String(orderId), amount: '100' });
      const told = await eventually(
        async () => receiver.for(number),
        (list) => list.length === 2,
      );
      expect(told.map((p) => p.get('operation'))).toEqual(['deposited', 'refunded']);
      for (const params of told) {
        expect(params.get('mdOrder')).toBe(orderId);
        expect(params.get('status')).toBe('1');
        const fields = Object.fromEntries([...params].filter(([name]) => name !== 'checksum'));
        expect(params.get('checksum')).toBe(callbackChecksum(fields, DEFAULT_SERVICE_TOKEN));
        expect(params.get('checksum')).not.toBe(callbackChecksum(fields, 'another-secret'));
      }
    });

    it('tells a failed one-stage payment as an unsuccessful deposit', async () => {
      const number = orderNumber();
      const { formUrl } = await register({ orderNumber: number });
      await payOnForm(String(formUrl), TEST_CARDS.failsThreeDSecure);
      const told = await eventually(
        async () => receiver.for(number),
        (list) => list.length === 1,
      );
      expect([told[0]?.get('operation'), told[0]?.get('status')]).toEqual(['deposited', '0']);
    });

    it('loses notifications when told to, and lists every one with its outcome', async () => {
      await admin('POST', '/callbacks', { drop: true });
      const number = orderNumber();
      const { formUrl } = await register({ orderNumber: number });
      await payOnForm(String(formUrl), TEST_CARDS.pays);
      expect((await deliveries()).filter((d) => d.orderNumber === number)).toEqual([expect.objectContaining({ operation: 'deposited', status: '1', outcome: 'dropped' })]);
      await admin('POST', '/callbacks', { drop: false });
      // A notification lost is lost: nothing arrives later either.
      const other = orderNumber();
      await payOnForm(String((await register({ orderNumber: other })).formUrl), TEST_CARDS.pays);
      await eventually(
        async () => receiver.for(other),
        (list) => list.length === 1,
      );
      expect(receiver.for(number)).toEqual([]);
    });

    it("sends to the order's own dynamicCallbackUrl when it has one, and records a merchant that does not answer", async () => {
      const number = orderNumber();
      const { formUrl } = await register({ orderNumber: number, dynamicCallbackUrl: 'http://127.0.0.1:1/nobody-listens' });
      await payOnForm(String(formUrl), TEST_CARDS.pays);
      const listed = await eventually(deliveries, (list) => list.some((d) => d.orderNumber === number && d.outcome === 'failed'));
      expect(listed.filter((d) => d.orderNumber === number)).toEqual([expect.objectContaining({ outcome: 'failed' })]);
      expect(receiver.for(number)).toEqual([]);
    });

    it('refuses a callback setting it cannot use', async () => {
      for (const body of [{ url: 'ftp://x' }, { drop: 'yes' }, { sparkles: true }]) {
        const res = await request(`${sim.url}/__admin/callbacks`, { method: 'POST', body: JSON.stringify(body) });
        expect(res.statusCode).toBe(400);
        await res.body.dump();
      }
    });
  });

  describe('faults', () => {
    it('fails inside HTTP 200 with errorCode 7, per endpoint, and counts each endpoint', async () => {
      sim.faults.set({ endpoint: 'POST /payment/rest/register.do', errorRate: 1, status: 200 });
      expect(await register()).toEqual({ errorCode: '7', errorMessage: 'Системная ошибка' });
      expect(await status({ orderNumber: 'never-registered' })).toMatchObject({ errorCode: '6' });
      expect(sim.stats.snapshot().endpoints).toEqual({ 'POST /payment/rest/register.do': 1, 'POST /payment/rest/getOrderStatusExtended.do': 1 });
    });
  });
});
