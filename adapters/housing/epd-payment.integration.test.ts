import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { createHousingSimulator, EPD_PAYMENT_PATH, HousingData, type SimBill } from '../../legacy/housing';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS, moscowDate, startOfMonth } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { confirmationsAt } from '../../test/support/payment-ledgers';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { parseWire } from '../transport';
import { amountDueKopecks } from './amount-due';
import { EpdPaymentClient } from './epd-payment-client';
import { kopecksToRoubles, toEpdPaymentReceipt } from './epd-payment-mapper';
import type { EpdPayment } from './epd-payment-port';
import { WireEpdPaymentReply } from './epd-payment-wire';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const TODAY = moscowDate(NOW);
const ENDPOINT = `POST ${EPD_PAYMENT_PATH}`;

describe('EPD payments: the amount due, the answers, and the client against the housing simulator', () => {
  describe('amountDueKopecks', () => {
    it('is the accrual and the penalty less what was paid, never below zero', () => {
      expect(amountDueKopecks({ accrual: 355_845, penalty: 1_200, paid: 0 })).toBe(357_045);
      expect(amountDueKopecks({ accrual: 355_845, penalty: 0, paid: 100_000 })).toBe(255_845);
      // Paid with the voluntary insurance: more paid than accrued.
      expect(amountDueKopecks({ accrual: 355_845, penalty: 0, paid: 360_000 })).toBe(0);
    });
  });

  describe('mapper, on answers recorded from the simulator', () => {
    const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
    const SENT: EpdPayment = { paymentId: '3f6c1a2e-8d4b-4c7a-9e21-5b0d7f3a9c11', uin: '10000100024202512548', amountKopecks: 776_639, paidAt: '2026-11-21T11:58:00+03:00' };
    const receipt = (name: string, sent = SENT) => toEpdPaymentReceipt(parseWire(WireEpdPaymentReply, fixture(name), 'housing', ENDPOINT), sent, ENDPOINT);

    it('reads a payment taken, taken before, and a part payment', () => {
      expect(receipt('epd-payment-accepted.json')).toEqual({ result: 'ACCEPTED', documentPaid: true });
      expect(receipt('epd-payment-already-accepted.json')).toEqual({ result: 'ALREADY_ACCEPTED', documentPaid: true });
      expect(receipt('epd-payment-part.json', { ...SENT, paymentId: 'part-1' })).toEqual({ result: 'ACCEPTED', documentPaid: false });
    });

    it('never takes an answer about another payment for a confirmation of this one', () => {
      expect(() => receipt('epd-payment-accepted.json', { ...SENT, paymentId: 'other' })).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    });

    it('writes kopecks as the portal writes roubles, exactly', () => {
      expect(kopecksToRoubles(776_639)).toBe('7766.39');
      expect(kopecksToRoubles(10_000)).toBe('100.00');
      expect(kopecksToRoubles(5)).toBe('0.05');
    });
  });

  describe('EpdPaymentClient against the housing simulator', () => {
    const population = new Population();
    const data = new HousingData(population);
    const clock = new AdjustableClock(NOW);
    let client: EpdPaymentClient;
    let serial = 0;

    const used = new Set<string>();
    const unpaidBill = (): SimBill => {
      for (let personId = 1000; personId < 20_000; personId++) {
        for (const home of data.homesOf(personId)) {
          const bill = data.bills(home, startOfMonth(TODAY, 12), startOfMonth(TODAY), TODAY).find((b) => !b.paid && !used.has(b.uin));
          if (bill) {
            used.add(bill.uin);
            return bill;
          }
        }
      }
      throw new Error('no unpaid document in the simulated city');
    };
    const payment = (bill: SimBill): EpdPayment => ({
      paymentId: `epd-${process.pid}-${++serial}`,
      uin: bill.uin,
      amountKopecks: amountDueKopecks({ accrual: bill.accrualKopecks, penalty: bill.penaltyKopecks, paid: bill.paymentKopecks }),
      paidAt: `${TODAY}T11:58:00+03:00`,
    });

    const under = simulatorUnderTest({
      system: 'housing',
      simulator: () => createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
      clock,
      at: NOW,
      transport: { timeoutMs: 1000 },
    });
    beforeAll(() => {
      client = new EpdPaymentClient({ transport: under.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
    });

    it('reports a paid EPD by its UIN; the housing system then lists it PAID', async () => {
      const bill = unpaidBill();
      const home = data.homeByPayerCode(bill.uin.slice(1, 11))!;
      expect(await client.reportPayment(payment(bill))).toEqual({ result: 'ACCEPTED', documentPaid: true });
      const query = new URLSearchParams({ payer_code: home.payerCode, flat: home.flat, beginperiod: bill.period, endperiod: bill.period });
      const listed = await request(`${under.sim.url}/pgu/common/ajax/Guis062301/GetEpdData?${query}`, {
        headers: { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`, 'x-person-id': String(home.personId) },
      });
      const body = (await listed.body.json()) as { EpdList: Array<{ Epd: Array<{ Uin: string; PaymentStatus: string }> }> };
      expect(body.EpdList[0]?.Epd.find((e) => e.Uin === bill.uin)?.PaymentStatus).toBe('PAID');
    });

    it('answers a redelivery ALREADY_ACCEPTED, counted once, and a payment id used for another sum as a conflict', async () => {
      const bill = unpaidBill();
      const paid = payment(bill);
      await client.reportPayment(paid);
      expect(await client.reportPayment(paid)).toEqual({ result: 'ALREADY_ACCEPTED', documentPaid: true });
      expect((await confirmationsAt(under.sim.url)).epd?.byTarget[bill.uin]).toBe(1);
      await expect(client.reportPayment({ ...paid, amountKopecks: 100 })).rejects.toMatchObject({ code: 'PAYMENT_CONFIRMATION_CONFLICT', system: 'housing' });
    });

    it('signs in again when the portal has ended its session, and sends the report then', async () => {
      await client.reportPayment(payment(unpaidBill()));
      clock.set(new Date(NOW.getTime() + 21 * 60_000));
      under.sim.stats.reset();
      const bill = unpaidBill();
      expect(await client.reportPayment(payment(bill))).toMatchObject({ result: 'ACCEPTED' });
      expect(under.sim.stats.snapshot().endpoints).toEqual({ [ENDPOINT]: 2, 'POST /api/profile/auth/web': 1 });
      expect((await confirmationsAt(under.sim.url)).epd?.byTarget[bill.uin]).toBe(1);
    });

    it('reads an unknown UIN as NOT_FOUND', async () => {
      await expect(client.reportPayment({ ...payment(unpaidBill()), uin: '10000000000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND', system: 'housing' });
    });

    it('sends a report once when the system fails: retry_later inside HTTP 200 and a 503 are outages', async () => {
      const paid = payment(unpaidBill());
      await client.reportPayment(payment(unpaidBill())); // the session is open before the faults
      under.sim.stats.reset();
      under.sim.faults.set({ endpoint: ENDPOINT, errorRate: 1, status: 200 });
      await expect(client.reportPayment(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'housing' });
      under.sim.faults.set({ endpoint: ENDPOINT, errorRate: 1, status: 503 });
      await expect(client.reportPayment(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      expect(under.sim.stats.snapshot().endpoints[ENDPOINT]).toBe(2);
      under.sim.faults.clear();
      expect(await client.reportPayment(paid)).toMatchObject({ result: 'ACCEPTED' });
    });

    it.each(MALFORMED_KINDS)('turns %s garbage into LEGACY_BAD_RESPONSE', async (malformed) => {
      under.sim.faults.set({ endpoint: ENDPOINT, malformed });
      await expect(client.reportPayment(payment(unpaidBill()))).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'housing' });
    });
  });
});
