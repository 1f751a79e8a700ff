import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS } from '../../legacy/kit';
import { createParkingSimulator, MAX_TOPUP_KOPECKS, MIN_TOPUP_KOPECKS } from '../../legacy/parking';
import { Population } from '../../legacy/population';
import { confirmationsAt } from '../../test/support/payment-ledgers';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { parseWire } from '../transport';
import { amppFailure } from './errors';
import { AmppTopUpClient } from './topup-client';
import { toTopUpLimits, toTopUpReceipt } from './topup-mapper';
import type { AccountTopUp } from './topup-port';
import { WireTopUpLimits, WireTopUpReply } from './topup-wire';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const TOPUP = 'POST /api/2.40/accounts/topup';

describe('AMPP top-ups: the answers, and the client against the parking simulator', () => {
  describe('mapper, on answers recorded from the simulator', () => {
    const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
    const accepted = fixture('ampp-topup-accepted.json') as { accountId: string };
    const SENT: AccountTopUp = { accountId: accepted.accountId, amountKopecks: 50_000, paymentId: '3f6c1a2e-8d4b-4c7a-9e21-5b0d7f3a9c11', paidAt: '2026-11-21T11:58:00+03:00' };
    const receipt = (name: string, sent = SENT) => toTopUpReceipt(parseWire(WireTopUpReply, fixture(name), 'parking', TOPUP), sent, TOPUP);

    it('reads the limits, a top-up credited, and the same top-up again', () => {
      expect(toTopUpLimits(parseWire(WireTopUpLimits, fixture('ampp-topup-limits.json'), 'parking', TOPUP), TOPUP)).toEqual({ minKopecks: MIN_TOPUP_KOPECKS, maxKopecks: MAX_TOPUP_KOPECKS });
      expect(receipt('ampp-topup-accepted.json')).toEqual({ result: 'ACCEPTED', balanceKopecks: expect.any(Number) });
      expect(receipt('ampp-topup-already-accepted.json').result).toBe('ALREADY_ACCEPTED');
    });

    it('never takes an answer about another top-up for a confirmation of this one', () => {
      expect(() => receipt('ampp-topup-accepted.json', { ...SENT, amountKopecks: 50_001 })).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
      expect(() => receipt('ampp-topup-accepted.json', { ...SENT, paymentId: 'other' })).toThrow(expect.objectContaining({ code: 'LEGACY_BAD_RESPONSE' }));
    });

    it("types AMPP's refusals of a top-up", () => {
      expect(amppFailure('parking', TOPUP, 400, fixture('ampp-error-topup-out-of-range.json'))).toMatchObject({ code: 'TOPUP_AMOUNT_OUT_OF_RANGE' });
      expect(amppFailure('parking', TOPUP, 409, fixture('ampp-error-payment-id-conflict.json'))).toMatchObject({ code: 'PAYMENT_CONFIRMATION_CONFLICT' });
    });
  });

  describe('AmppTopUpClient against the parking simulator', () => {
    const population = new Population();
    const clock = new AdjustableClock(NOW);
    const accountId = population.findAdult((p) => p.parkingAccountId !== null).parkingAccountId!;
    let client: AmppTopUpClient;
    let serial = 0;
    const topUp = (amountKopecks = 50_000): AccountTopUp => ({ accountId, amountKopecks, paymentId: `top-${process.pid}-${++serial}`, paidAt: '2026-11-21T11:58:00+03:00' });
    const balance = async (): Promise<number> => {
      const res = await request(`${under.sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { 'x-auth-token': DEFAULT_SERVICE_TOKEN }, body: `accountId=${accountId}` });
      return ((await res.body.json()) as { balance: number }).balance;
    };

    const under = simulatorUnderTest({
      system: 'parking',
      simulator: () => createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
      clock,
      at: NOW,
      transport: { timeoutMs: 1000 },
    });
    beforeAll(() => {
      client = new AmppTopUpClient({ transport: under.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
    });

    it("reads the account's limits and credits a top-up once, however often it is redelivered", async () => {
      expect(await client.getTopUpLimits(accountId)).toEqual({ minKopecks: MIN_TOPUP_KOPECKS, maxKopecks: MAX_TOPUP_KOPECKS });
      const start = await balance();
      const paid = topUp();
      expect(await client.topUp(paid)).toEqual({ result: 'ACCEPTED', balanceKopecks: start + 50_000 });
      expect(await client.topUp(paid)).toEqual({ result: 'ALREADY_ACCEPTED', balanceKopecks: start + 50_000 });
      expect(await balance()).toBe(start + 50_000);
      expect((await confirmationsAt(under.sim.url)).ampp?.kopecksByTarget[accountId]).toBeGreaterThanOrEqual(50_000);
      await expect(client.topUp({ ...paid, amountKopecks: 60_000 })).rejects.toMatchObject({ code: 'PAYMENT_CONFIRMATION_CONFLICT', system: 'parking' });
    });

    it("types a top-up out of the account's limits and an unknown account", async () => {
      await expect(client.topUp(topUp(MAX_TOPUP_KOPECKS + 1))).rejects.toMatchObject({ code: 'TOPUP_AMOUNT_OUT_OF_RANGE' });
      await expect(client.getTopUpLimits('5999999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('signs in again when AMPP has ended its session, and credits once', async () => {
      await client.getTopUpLimits(accountId);
      clock.set(new Date(NOW.getTime() + 21 * 60_000));
      const start = await balance();
      under.sim.stats.reset();
      expect(await client.topUp(topUp())).toMatchObject({ result: 'ACCEPTED', balanceKopecks: start + 50_000 });
      expect(under.sim.stats.snapshot().endpoints).toEqual({ [TOPUP]: 2, 'POST /api/2.40/auth/service': 1 });
    });

    it('sends a top-up once when AMPP fails; a redelivery after credits it once', async () => {
      await client.getTopUpLimits(accountId);
      const start = await balance();
      const paid = topUp();
      under.sim.stats.reset();
      under.sim.faults.set({ endpoint: TOPUP, errorRate: 1, status: 503 });
      await expect(client.topUp(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'parking' });
      under.sim.faults.set({ endpoint: TOPUP, errorRate: 1, status: 200 });
      await expect(client.topUp(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      expect(under.sim.stats.snapshot().endpoints[TOPUP]).toBe(2);
      under.sim.faults.clear();
      await client.topUp(paid);
      expect(await balance()).toBe(start + 50_000);
    });

    it.each(MALFORMED_KINDS)('turns %s garbage into LEGACY_BAD_RESPONSE', async (malformed) => {
      await client.getTopUpLimits(accountId);
      under.sim.faults.set({ endpoint: TOPUP, malformed });
      await expect(client.topUp(topUp())).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
    });
  });
});
