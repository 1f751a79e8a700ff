import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { TEST_CARDS } from '../../legacy/acquirer';
import { EPD_PAYMENT_PATH } from '../../legacy/housing';
import { publishedOperation } from '../../operations';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-client';
import { acquirerCharges, confirmationsAt, payOnForm } from '../support/payment-ledgers';
import { findPayers, type PayableView } from '../support/payment-subjects';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const RECONCILE_AFTER_MS = 2_000;
const RETRY_MAX_MS = 60_000;
const EPD_CONFIRM = `POST ${EPD_PAYMENT_PATH}`;

interface PaymentView {
  id: string;
  status: string;
  amount: { kopecks: number };
  paymentFormUrl: string | null;
}

/**
 * Money taken and never confirmed is the one outcome a payment may not have. Each path that could
 * lead there — a lost callback, a crash between the bank's answer and the confirmation, the owner
 * down for hours, a restart, a payer who never pays — is driven through the unchanged gateway with
 * the simulators broken through their admin endpoints and their clock moved, and the charges at the
 * bank are counted against the confirmations at the owners.
 */
describe('every payment the bank takes is confirmed to its owner exactly once', () => {
  let system: EmbeddedSystem;
  const taken = new Set<number>();
  let billPayers: PayableView[];
  let finePayer: PayableView;
  let topUpPayer: PayableView;

  const send = async <T>(operation: string, who: PayableView, variables: Record<string, unknown>): Promise<T> => {
    const reply = await postGraphQL<T>(system.gateway.graphqlUrl, publishedOperation(operation), { token: who.token, variables });
    if (reply.errors) throw new Error(`${operation}: ${JSON.stringify(reply.errors)}`);
    return reply.data!;
  };
  const payBill = async (who: PayableView, key: string) => (await send<{ payBill: PaymentView }>('PayBill', who, { uin: who.unpaidBills[0]!.uin, key })).payBill;
  const statusOf = async (who: PayableView, id: string) => (await send<{ payment: PaymentView | null }>('Payment', who, { id })).payment?.status;
  const settled = (who: PayableView, id: string, status: string) => eventually(async () => ((await statusOf(who, id)) === status ? true : undefined), { what: `payment ${status}` });
  const advance = (ms: number) => system.clock.set(new Date(system.clock.now().getTime() + ms));
  /**
   * Waits for `probe`, moving the clock on by the longest backoff each time it is not met yet: an
   * attempt under way as the clock moved (the machine slow to finish it) sets the next one a backoff
   * after the new time, which the clock has then to reach too.
   */
  const advancingUntil = (probe: () => boolean | Promise<boolean>, what: string) =>
    eventually(
      async () => {
        if (await probe()) return true;
        advance(RETRY_MAX_MS);
        return undefined;
      },
      { what, intervalMs: 250 },
    );
  const admin = async (system_: keyof EmbeddedSystem['simulators'], path: string, method: 'POST' | 'DELETE', body?: unknown): Promise<void> => {
    const res = await request(`${system.simulators[system_].url}/__admin${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
  };
  const loseCallbacks = (drop: boolean) => admin('acquirer', '/callbacks', 'POST', { drop });
  const epdConfirmations = async (uin: string) => (await confirmationsAt(system.simulators.housing.url)).epd?.byTarget[uin] ?? 0;
  const epdAttempts = () => system.simulators.housing.stats.snapshot().endpoints[EPD_CONFIRM] ?? 0;

  beforeAll(async () => {
    system = await startEmbeddedSystem({
      now: NOW,
      logLevel: 'silent',
      payments: { reconcileAfterMs: RECONCILE_AFTER_MS, pollIntervalMs: 25, retry: { minMs: 1_000, maxMs: RETRY_MAX_MS } },
    });
    billPayers = await findPayers(system, 3, (v) => v.unpaidBills.length >= 1, taken);
    [finePayer] = (await findPayers(system, 1, (v) => v.unpaidFines.length >= 1, taken)) as [PayableView];
    [topUpPayer] = (await findPayers(system, 1, (v) => v.hasParkingAccount, taken)) as [PayableView];
  });
  afterAll(() => system.close());

  it('a lost callback: the reconciliation worker polls the bank and the payment is confirmed once', async () => {
    const payer = billPayers[0]!;
    await loseCallbacks(true);
    try {
      const payment = await payBill(payer, 'lost-callback');
      await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
      const callbacks = await eventually(async () => {
        const res = await request(`${system.simulators.acquirer.url}/__admin/callbacks`);
        const body = (await res.body.json()) as { deliveries: Array<{ orderNumber: string; outcome: string }> };
        return body.deliveries.some((d) => d.orderNumber === payment.id && d.outcome === 'dropped') ? body : undefined;
      });
      expect(callbacks.deliveries.filter((d) => d.orderNumber === payment.id).every((d) => d.outcome === 'dropped')).toBe(true);
      expect(await statusOf(payer, payment.id)).toBe('AWAITING_CARD');

      advance(RECONCILE_AFTER_MS + 1_000);
      await settled(payer, payment.id, 'CONFIRMED');
      expect((await acquirerCharges(system.simulators.acquirer.url, payment.id)).charged).toBe(1);
      expect(await epdConfirmations(payer.unpaidBills[0]!.uin)).toBe(1);
    } finally {
      await loseCallbacks(false);
    }
  });

  it("a crash between the bank's answer and the confirmation: a new process on the same database confirms it once", async () => {
    const uin = finePayer.unpaidFines[0]!.uin;
    await loseCallbacks(true);
    let id: string;
    try {
      const payment = (await send<{ payFine: PaymentView }>('PayFine', finePayer, { uin, key: 'crash' })).payFine;
      id = payment.id;
      await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
      // The bank has the money; the process that asked for it never heard. It goes away.
      await system.restartSubgraph('payments');
    } finally {
      await loseCallbacks(false);
    }
    advance(RECONCILE_AFTER_MS + 1_000);
    await settled(finePayer, id, 'CONFIRMED');
    const charges = await acquirerCharges(system.simulators.acquirer.url, id);
    const register = (await confirmationsAt(system.simulators.parking.url)).register!;
    expect(charges.charged).toBe(1);
    expect(register.byTarget[uin]).toBe(1);
    expect(register.kopecksByTarget[uin]).toBe(charges.chargedKopecks);
  });

  it('the owner down for hours, and a restart while the payment waits: confirmed once when the owner is back', async () => {
    const payer = billPayers[1]!;
    const uin = payer.unpaidBills[0]!.uin;
    await admin('housing', '/faults', 'POST', { endpoint: EPD_CONFIRM, errorRate: 1, status: 503 });
    try {
      const payment = await payBill(payer, 'owner-down');
      await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
      await settled(payer, payment.id, 'PAID');
      // Three hours on the simulators' clock, the outbox trying all along.
      for (let step = 0; step < 6; step += 1) {
        const attempts = epdAttempts();
        advance(30 * 60_000);
        await advancingUntil(() => epdAttempts() > attempts, 'another attempt at the housing system');
      }
      expect(await statusOf(payer, payment.id)).toBe('PAID');
      expect(await epdConfirmations(uin)).toBe(0);
      await system.restartSubgraph('payments');
      await admin('housing', '/faults', 'DELETE');
      advance(RETRY_MAX_MS + 1_000);
      await advancingUntil(async () => (await statusOf(payer, payment.id)) === 'CONFIRMED', 'payment CONFIRMED');
      expect((await acquirerCharges(system.simulators.acquirer.url, payment.id)).charged).toBe(1);
      expect(await epdConfirmations(uin)).toBe(1);
    } finally {
      await admin('housing', '/faults', 'DELETE');
    }
  });

  it("a restart while the payer is at the bank's form: the callback reaches the new process, confirmed once", async () => {
    const payment = (await send<{ topUpParkingAccount: PaymentView }>('TopUpParkingAccount', topUpPayer, { amount: 75_000, key: 'restart' })).topUpParkingAccount;
    await system.restartSubgraph('payments');
    await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
    await settled(topUpPayer, payment.id, 'CONFIRMED');
    const ampp = (await confirmationsAt(system.simulators.parking.url)).ampp!;
    expect(ampp.accepted).toBe(1);
    expect(Object.values(ampp.kopecksByTarget)).toEqual([75_000]);
  });

  it('an order not paid in time is reversed at the bank: EXPIRED, nothing charged, the form refuses it', async () => {
    const payer = billPayers[2]!;
    const payment = await payBill(payer, 'expires');
    advance(20 * 60_000 + 1_000);
    await settled(payer, payment.id, 'EXPIRED');
    const charges = await acquirerCharges(system.simulators.acquirer.url, payment.id);
    expect(charges).toMatchObject({ registered: 1, reversed: 1, charged: 0 });
    expect((await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays)).errorCode).not.toBe(0);
    // The bill is free to be paid again.
    const again = await payBill(payer, 'after-expiry');
    expect(again.status).toBe('AWAITING_CARD');
  });

  it('in all: every charge at the bank is one confirmation at its owner, for the same money', async () => {
    const charges = await acquirerCharges(system.simulators.acquirer.url);
    const owners = { ...(await confirmationsAt(system.simulators.parking.url)), ...(await confirmationsAt(system.simulators.housing.url)) };
    const accepted = Object.values(owners).reduce((sum, ledger) => sum + ledger.accepted, 0);
    const kopecks = Object.values(owners).reduce((sum, ledger) => sum + Object.values(ledger.kopecksByTarget).reduce((a, b) => a + b, 0), 0);
    expect(charges.charged).toBe(4);
    expect(accepted).toBe(charges.charged);
    expect(kopecks).toBe(charges.chargedKopecks);
    expect(Object.values(owners).every((ledger) => ledger.conflicts === 0)).toBe(true);
  });
});
