import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { confirmationsAt } from '../../test/support/payment-ledgers';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, moscowDate, type RunningSimulator, startSimulator } from '../kit';
import { Population } from '../population';
import { initialBalanceKopecks } from './accounts';
import { type Charge, chargesForSts } from './charges';
import { GET_CHARGES_ENDPOINT, IMPORT_PAYMENT_ENDPOINT } from './fines-routes';
import { PAYMENTS_NS } from './register-soap';
import { createParkingSimulator } from './simulator';
import { CHARGES_NS, envelope, WSSE_NS } from './soap';
import { MAX_TOPUP_KOPECKS, MIN_TOPUP_KOPECKS } from './topups';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const TODAY = moscowDate(NOW);
const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (name) => name === 'Charge' });

/** A fine and the car it was issued to. */
interface FineOfCar {
  sts: string;
  charge: Charge;
}

/** The payments register (urn:ImportPayment beside the fines service) and AMPP top-ups, in the parking simulator. */
describe('parking simulator: payment confirmations', () => {
  const population = new Population();
  const clock = new AdjustableClock(NOW);
  let sim: RunningSimulator;
  let serial = 0;
  const paymentId = (): string => `pay-${process.pid}-${++serial}`;

  /** Unpaid fines with a discount, found in the simulated city and each used by one test only. */
  const used = new Set<string>();
  const unpaidFine = (windowOpen: boolean): FineOfCar => {
    for (let id = 1000; id < 60_000; id++) {
      for (const vehicle of population.person(id)?.vehicles ?? []) {
        const charge = chargesForSts(population, vehicle.sts, NOW).find(
          (c) => c.AcknowledgmentStatus === '3' && c.DiscountExpiry !== undefined && c.DiscountExpiry >= TODAY === windowOpen && !used.has(c.SupplierBillID),
        );
        if (charge) {
          used.add(charge.SupplierBillID);
          return { sts: vehicle.sts, charge };
        }
      }
    }
    throw new Error('no such fine in the simulated city');
  };

  const soap = async (action: string, body: Record<string, unknown>, password = DEFAULT_SERVICE_TOKEN): Promise<{ status: number; doc: Record<string, unknown> }> => {
    const header = { 'wsse:Security': { '@_xmlns:wsse': WSSE_NS, 'wsse:UsernameToken': { 'wsse:Username': 'city-treasury', 'wsse:Password': password } } };
    const res = await request(`${sim.url}/gisgmp/ws`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` }, body: envelope(body, header) });
    return { status: res.statusCode, doc: xml.parse(await res.body.text()) as Record<string, unknown> };
  };
  const importPayment = (payment: { paymentId: string; uin: string; amount: number | string; paymentDate?: string }, password?: string) =>
    soap(
      'urn:ImportPayment',
      {
        'pay:ImportPaymentRequest': {
          '@_xmlns:pay': PAYMENTS_NS,
          'pay:Payment': {
            'pay:PaymentId': payment.paymentId,
            'pay:SupplierBillID': payment.uin,
            'pay:Amount': String(payment.amount),
            'pay:PaymentDate': payment.paymentDate ?? '2026-11-21T11:58:00.000+03:00',
          },
        },
      },
      password,
    );
  const protocolOf = (doc: Record<string, unknown>) =>
    (doc as { Envelope: { Body: { ImportPaymentResponse: { ImportProtocol: Record<string, string> } } } }).Envelope.Body.ImportPaymentResponse.ImportProtocol;
  const faultOf = (doc: Record<string, unknown>) => (doc as { Envelope: { Body: { Fault: { faultcode: string; faultstring: string } } } }).Envelope.Body.Fault;
  const listed = async (fine: FineOfCar): Promise<Record<string, string>> => {
    const { doc } = await soap('urn:GetCharges', { 'chg:GetChargesRequest': { '@_xmlns:chg': CHARGES_NS, 'chg:VehicleCertificate': [fine.sts] } });
    const charges = (doc as { Envelope: { Body: { GetChargesResponse: { Charge: Array<Record<string, string>> } } } }).Envelope.Body.GetChargesResponse.Charge;
    const charge = charges.find((c) => c.SupplierBillID === fine.charge.SupplierBillID);
    if (!charge) throw new Error('the fine is no longer listed');
    return charge;
  };
  const discounted = (charge: Charge): number => Math.ceil((Number(charge.TotalAmount) * (100 - Number(charge.DiscountSize))) / 100);

  beforeAll(async () => {
    sim = await startSimulator(createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.stats.reset();
    clock.set(NOW);
  });

  describe('the payments register (urn:ImportPayment)', () => {
    it('takes the discounted sum paid inside the window; the fines service then lists the charge paid', async () => {
      const fine = unpaidFine(true);
      const before = await confirmationsAt(sim.url);
      const { status, doc } = await importPayment({ paymentId: paymentId(), uin: fine.charge.SupplierBillID, amount: discounted(fine.charge) });
      expect(status).toBe(200);
      expect(protocolOf(doc)).toMatchObject({ SupplierBillID: fine.charge.SupplierBillID, Code: '0', Description: 'Платёж принят' });
      expect(await listed(fine)).toMatchObject({ AcknowledgmentStatus: '1', TotalAmount: fine.charge.TotalAmount });
      const after = await confirmationsAt(sim.url);
      expect(after.register?.accepted).toBe((before.register?.accepted ?? 0) + 1);
      expect(after.register?.byTarget[fine.charge.SupplierBillID]).toBe(1);
      expect(after.register?.kopecksByTarget[fine.charge.SupplierBillID]).toBe(discounted(fine.charge));
      expect(sim.stats.snapshot().endpoints).toMatchObject({ [IMPORT_PAYMENT_ENDPOINT]: 1, [GET_CHARGES_ENDPOINT]: 1 });
    });

    it('answers a repeated payment id as already taken and counts it once; another payment under that id is refused', async () => {
      const fine = unpaidFine(true);
      const id = paymentId();
      const payment = { paymentId: id, uin: fine.charge.SupplierBillID, amount: discounted(fine.charge) };
      await importPayment(payment);
      const before = await confirmationsAt(sim.url);
      const again = await importPayment(payment);
      expect(protocolOf(again.doc)).toMatchObject({ PaymentId: id, Code: '1' });
      const other = await importPayment({ ...payment, amount: Number(fine.charge.TotalAmount) });
      expect(protocolOf(other.doc)).toMatchObject({ PaymentId: id, Code: '2' });
      const after = await confirmationsAt(sim.url);
      expect(after.register).toMatchObject({ accepted: before.register?.accepted, duplicates: (before.register?.duplicates ?? 0) + 1, conflicts: (before.register?.conflicts ?? 0) + 1 });
      expect(after.register?.byTarget[fine.charge.SupplierBillID]).toBe(1);
      expect(after.register?.kopecksByTarget[fine.charge.SupplierBillID]).toBe(discounted(fine.charge));
    });

    it('after the window wants the whole sum: the discounted sum is matched provisionally until the rest is paid', async () => {
      const fine = unpaidFine(false);
      await importPayment({ paymentId: paymentId(), uin: fine.charge.SupplierBillID, amount: discounted(fine.charge) });
      expect(await listed(fine)).toMatchObject({ AcknowledgmentStatus: '2' });
      await importPayment({ paymentId: paymentId(), uin: fine.charge.SupplierBillID, amount: Number(fine.charge.TotalAmount) - discounted(fine.charge) });
      expect(await listed(fine)).toMatchObject({ AcknowledgmentStatus: '1' });
    });

    it('judges the discount by when the payer paid, not by when the register was told', async () => {
      const fine = unpaidFine(false);
      const lastDay = fine.charge.DiscountExpiry!;
      await importPayment({ paymentId: paymentId(), uin: fine.charge.SupplierBillID, amount: discounted(fine.charge), paymentDate: `${lastDay}T23:59:00+03:00` });
      expect(await listed(fine)).toMatchObject({ AcknowledgmentStatus: '1' });
    });

    it('keeps a payment for a UIN the fines service does not list', async () => {
      const uin = '18810177000000000002';
      expect(protocolOf((await importPayment({ paymentId: paymentId(), uin, amount: 50000 })).doc)).toMatchObject({ Code: '0' });
      expect((await confirmationsAt(sim.url)).register?.byTarget[uin]).toBe(1);
    });

    it.each([
      [{ uin: '18810177000000000001' }, 'SupplierBillID is not a valid UIN'],
      [{ amount: 0 }, 'Amount must be whole kopecks above zero'],
      [{ amount: '500.00' }, 'Amount must be whole kopecks above zero'],
      [{ paymentId: 'has space' }, 'PaymentId is malformed'],
      [{ paymentDate: '2026-11-21T11:58:00' }, 'PaymentDate must be xs:dateTime with an offset'],
      [{ paymentDate: '2026-11-22T12:00:00+03:00' }, 'PaymentDate is in the future'],
    ])('refuses %j with a soap:Client fault and takes nothing', async (change, faultstring) => {
      const before = await confirmationsAt(sim.url);
      const { status, doc } = await importPayment({ paymentId: paymentId(), uin: '18810177000000000002', amount: 50000, ...change });
      expect(status).toBe(500);
      expect(faultOf(doc)).toEqual({ faultcode: 'soap:Client', faultstring });
      expect((await confirmationsAt(sim.url)).register?.accepted).toBe(before.register?.accepted);
    });

    it('refuses a wrong password with 401 and wsse:FailedAuthentication', async () => {
      const { status, doc } = await importPayment({ paymentId: paymentId(), uin: '18810177000000000002', amount: 1 }, 'guess');
      expect(status).toBe(401);
      expect(faultOf(doc).faultcode).toBe('wsse:FailedAuthentication');
    });

    it('can be broken apart from the fines service: a fault on ImportPayment leaves GetCharges working', async () => {
      const fine = unpaidFine(true);
      sim.faults.set({ endpoint: IMPORT_PAYMENT_ENDPOINT, errorRate: 1, status: 503 });
      const { status, doc } = await importPayment({ paymentId: paymentId(), uin: fine.charge.SupplierBillID, amount: discounted(fine.charge) });
      expect(status).toBe(503);
      expect(faultOf(doc).faultcode).toBe('soap:Server');
      expect(await listed(fine)).toMatchObject({ AcknowledgmentStatus: '3' });
    });
  });

  describe('AMPP top-ups', () => {
    const driver = population.findAdult((p) => p.parkingAccountId !== null && p.vehicles.length > 0);
    const accountId = driver.parkingAccountId!;
    const integration = { 'x-auth-token': DEFAULT_SERVICE_TOKEN, 'content-type': 'application/json' };
    const topUp = async (body: Record<string, unknown>, headers: Record<string, string> = integration) => {
      const res = await request(`${sim.url}/api/2.40/accounts/topup`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
    };
    const balance = async (): Promise<number> => {
      const res = await request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { 'x-auth-token': DEFAULT_SERVICE_TOKEN }, body: `accountId=${accountId}` });
      return ((await res.body.json()) as { balance: number }).balance;
    };

    it('credits the account once per payment id, and refuses the id for another sum', async () => {
      const start = await balance();
      const id = paymentId();
      expect(await topUp({ accountId, amount: 50_000, paymentId: id, paymentDate: '2026-11-21T11:59:00+03:00' })).toEqual({
        status: 200,
        body: { result: 'ACCEPTED', paymentId: id, accountId, amount: 50_000, balance: start + 50_000 },
      });
      expect(await topUp({ accountId, amount: 50_000, paymentId: id })).toMatchObject({ status: 200, body: { result: 'ALREADY_ACCEPTED', balance: start + 50_000 } });
      expect(await topUp({ accountId, amount: 70_000, paymentId: id })).toMatchObject({ status: 409, body: { errorCode: 'PAYMENT_ID_CONFLICT' } });
      expect(await balance()).toBe(start + 50_000);
      expect((await confirmationsAt(sim.url)).ampp).toMatchObject({ byTarget: { [accountId]: 1 }, kopecksByTarget: { [accountId]: 50_000 } });
    });

    it("keeps a top-up within the account's limits, which it names", async () => {
      const limits = await request(`${sim.url}/api/2.40/accounts/topup/limits?accountId=${accountId}`, { headers: integration });
      expect(await limits.body.json()).toEqual({ minAmount: MIN_TOPUP_KOPECKS, maxAmount: MAX_TOPUP_KOPECKS });
      for (const amount of [MIN_TOPUP_KOPECKS - 1, MAX_TOPUP_KOPECKS + 1]) {
        expect(await topUp({ accountId, amount, paymentId: paymentId() })).toMatchObject({ status: 400, body: { errorCode: 'TOPUP_AMOUNT_OUT_OF_RANGE' } });
      }
      expect(await topUp({ accountId, amount: MAX_TOPUP_KOPECKS, paymentId: paymentId() })).toMatchObject({ status: 200 });
    });

    it('refuses a made-up account, a malformed request and a caller who is not the payment service', async () => {
      expect(await topUp({ accountId: '5999999999', amount: 50_000, paymentId: paymentId() })).toMatchObject({ status: 404, body: { errorCode: 'ACCOUNT_NOT_FOUND' } });
      expect(await topUp({ accountId, amount: 500.5, paymentId: paymentId() })).toMatchObject({ status: 400, body: { errorCode: 'BAD_REQUEST' } });
      expect(await topUp({ accountId, amount: 50_000 })).toMatchObject({ status: 400, body: { errorCode: 'BAD_REQUEST' } });
      expect(await topUp({ accountId, amount: 50_000, paymentId: paymentId() }, { 'content-type': 'application/json' })).toMatchObject({ status: 401 });

      // A resident signed on to the cabinet may read the limits of their account, not credit it.
      const page = await request(`${sim.url}/sps/login/methods/password`);
      const csrf = /csrf-token-value' content='(.*?)'/.exec(await page.body.text())?.[1] ?? '';
      const signedOn = await request(`${sim.url}/sps/login/methods/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: String(driver.id), password: 'secret', csrftokenw: csrf }).toString(),
      });
      await signedOn.body.dump();
      const cookie = String(signedOn.headers['set-cookie']).split(';')[0]!;
      expect(await topUp({ accountId, amount: 50_000, paymentId: paymentId() }, { cookie, 'content-type': 'application/json' })).toMatchObject({
        status: 403,
        body: { errorCode: 'FORBIDDEN' },
      });
      expect((await request(`${sim.url}/api/2.40/accounts/topup/limits?accountId=${accountId}`, { headers: { cookie } })).statusCode).toBe(200);
      expect(await balance()).toBeGreaterThanOrEqual(initialBalanceKopecks(population.seed, driver.id));
    });
  });
});
