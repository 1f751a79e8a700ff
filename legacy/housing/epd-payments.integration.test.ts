import { request } from 'undici';
import { confirmationsAt } from '../../test/support/payment-ledgers';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, moscowDate, type RunningSimulator, startOfMonth, startSimulator } from '../kit';
import { Population } from '../population';
import { EPD_PAYMENT_PATH } from './epd-payment-routes';
import { HousingData, type SimBill, type SimHome } from './model';
import { createHousingSimulator } from './simulator';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const TODAY = moscowDate(NOW);

interface EpdRow {
  Period: string;
  PaymentStatus: string;
  PaymentAmount?: string;
  AccrualAmount: string;
  PenaltyAmount: string;
  Uin: string;
}

/** The payment service reporting paid EPDs to the housing system (ConfirmEpdPayment), and GetEpdData after it. */
describe('housing simulator: a paid EPD reported by its UIN', () => {
  const population = new Population();
  const data = new HousingData(population);
  const clock = new AdjustableClock(NOW);
  let sim: RunningSimulator;
  let integration: string;
  let serial = 0;
  const paymentId = (): string => `pay-${process.pid}-${++serial}`;

  /** Unpaid documents with a penalty, each used by one test only. */
  const used = new Set<string>();
  const unpaidBill = (): { personId: number; home: SimHome; bill: SimBill } => {
    for (let personId = 1000; personId < 20_000; personId++) {
      for (const home of data.homesOf(personId)) {
        const bill = data.bills(home, startOfMonth(TODAY, 12), startOfMonth(TODAY), TODAY).find((b) => !b.paid && b.penaltyKopecks > 0 && !used.has(b.uin));
        if (bill) {
          used.add(bill.uin);
          return { personId, home, bill };
        }
      }
    }
    throw new Error('no unpaid document in the simulated city');
  };
  const due = (bill: SimBill): number => bill.accrualKopecks + bill.penaltyKopecks;
  const roubles = (kopecks: number): string => `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;

  const confirm = async (fields: Record<string, string>, headers: Record<string, string> = { cookie: integration }) => {
    const res = await request(`${sim.url}${EPD_PAYMENT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ payment_date: '2026-11-21T11:58:00+03:00', ...fields }).toString(),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, location: res.headers.location };
  };
  const epdOf = async (personId: number, home: SimHome, bill: SimBill): Promise<EpdRow | undefined> => {
    const query = new URLSearchParams({ payer_code: home.payerCode, flat: home.flat, beginperiod: bill.period, endperiod: bill.period, not_paid: 'false' });
    const res = await request(`${sim.url}/pgu/common/ajax/Guis062301/GetEpdData?${query}`, {
      headers: { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`, 'x-person-id': String(personId) },
    });
    const body = (await res.body.json()) as { EpdList: Array<{ Epd: EpdRow[] }> };
    return body.EpdList[0]?.Epd.find((e) => e.Uin === bill.uin);
  };
  const signIn = async (query = ''): Promise<string> => {
    const res = await request(`${sim.url}/api/profile/auth/web${query}`, { method: 'POST', headers: query ? {} : { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` } });
    await res.body.dump();
    return String(res.headers['set-cookie']).split(';')[0]!;
  };

  beforeAll(async () => {
    sim = await startSimulator(createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    integration = await signIn();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.stats.reset();
    clock.set(NOW);
  });

  it('takes the amount due (accrual and penalty) for an unpaid document, which GetEpdData then shows PAID', async () => {
    const { personId, home, bill } = unpaidBill();
    expect(await epdOf(personId, home, bill)).not.toHaveProperty('PaymentAmount');
    const id = paymentId();
    expect(await confirm({ uin: bill.uin, payment_id: id, amount: roubles(due(bill)) })).toMatchObject({
      status: 200,
      body: { Result: 'ACCEPTED', PaymentId: id, Uin: bill.uin, PaymentStatus: 'PAID' },
    });
    expect(await epdOf(personId, home, bill)).toMatchObject({ PaymentStatus: 'PAID', PaymentAmount: expect.any(String) });
    expect((await confirmationsAt(sim.url)).epd).toMatchObject({ byTarget: { [bill.uin]: 1 }, kopecksByTarget: { [bill.uin]: due(bill) } });
  });

  it('answers a repeated payment id as already taken without counting it again, and refuses the id for another sum', async () => {
    const { bill } = unpaidBill();
    const id = paymentId();
    await confirm({ uin: bill.uin, payment_id: id, amount: roubles(due(bill)) });
    expect(await confirm({ uin: bill.uin, payment_id: id, amount: roubles(due(bill)) })).toMatchObject({ status: 200, body: { Result: 'ALREADY_ACCEPTED', PaymentStatus: 'PAID' } });
    expect(await confirm({ uin: bill.uin, payment_id: id, amount: '1.00' })).toMatchObject({ status: 409, body: { code: 409 } });
    const counts = (await confirmationsAt(sim.url)).epd;
    expect(counts?.byTarget[bill.uin]).toBe(1);
    expect(counts?.kopecksByTarget[bill.uin]).toBe(due(bill));
    expect(counts?.duplicates).toBeGreaterThanOrEqual(1);
    expect(counts?.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('shows a part payment as paid so far, NOT_PAID until the rest comes', async () => {
    const { personId, home, bill } = unpaidBill();
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: '100' })).toMatchObject({ body: { PaymentStatus: 'NOT_PAID', PaymentAmount: '100' } });
    expect(await epdOf(personId, home, bill)).toMatchObject({ PaymentStatus: 'NOT_PAID', PaymentAmount: '100' });
    await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill) - 10_000) });
    expect(await epdOf(personId, home, bill)).toMatchObject({ PaymentStatus: 'PAID' });
  });

  it("takes a report from the payment service only: not from a resident's own session, nor without a session", async () => {
    const { personId, bill } = unpaidBill();
    const resident = await signIn(`?code=${personId}`);
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill)) }, { cookie: resident })).toMatchObject({ status: 403 });
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill)) }, {})).toMatchObject({
      status: 302,
      location: expect.stringMatching(/^\/sps\/login\/methods\/password/),
    });
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill)) }, { authorization: 'Bearer guess' })).toMatchObject({ status: 401 });
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: '1' }, { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` })).toMatchObject({ status: 200 });
    expect((await confirmationsAt(sim.url)).epd?.byTarget[bill.uin]).toBe(1);
  });

  it.each([
    [{ uin: '10000000000000000000' }, 404],
    [{ payment_id: '' }, 400],
    [{ amount: '0' }, 400],
    [{ amount: '12.345' }, 400],
    [{ amount: '-5' }, 400],
    [{ payment_date: '2026-11-21T11:58:00' }, 400],
    [{ payment_date: '2026-11-22T12:00:00+03:00' }, 400],
  ])('refuses %j with HTTP %d and takes nothing', async (change, status) => {
    const { bill } = unpaidBill();
    const before = (await confirmationsAt(sim.url)).epd?.accepted;
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill)), ...change })).toMatchObject({ status });
    expect((await confirmationsAt(sim.url)).epd?.accepted).toBe(before);
  });

  it('fails, when broken, the way the www.mos.ru pages fail, and is counted on its own', async () => {
    const { bill } = unpaidBill();
    sim.faults.set({ endpoint: `POST ${EPD_PAYMENT_PATH}`, errorRate: 1, status: 200 });
    expect(await confirm({ uin: bill.uin, payment_id: paymentId(), amount: roubles(due(bill)) })).toMatchObject({ status: 200, body: { error: true, code: 'retry_later' } });
    sim.faults.set({ endpoint: `POST ${EPD_PAYMENT_PATH}`, errorRate: 1, status: 503 });
    const failed = await request(`${sim.url}${EPD_PAYMENT_PATH}`, { method: 'POST', headers: { cookie: integration }, body: '' });
    expect(failed.statusCode).toBe(503);
    expect(await failed.body.text()).toContain('<html>');
    expect(sim.stats.snapshot().endpoints).toEqual({ [`POST ${EPD_PAYMENT_PATH}`]: 2 });
    expect((await confirmationsAt(sim.url)).epd?.byTarget[bill.uin]).toBeUndefined();
  });
});
