import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { TEST_CARDS } from '../../legacy/acquirer';
import { publishedOperation, RESIDENT_DASHBOARD } from '../../operations';
import { eventually } from '../support/eventually';
import { type ClientReply, postGraphQL } from '../support/graphql-client';
import { acquirerCharges, confirmationsAt, payOnForm } from '../support/payment-ledgers';
import { findPayers, type PayableView } from '../support/payment-subjects';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const PAY_BILL = publishedOperation('PayBill');
const PAY_FINE = publishedOperation('PayFine');
const TOP_UP = publishedOperation('TopUpParkingAccount');
const PAYMENT = publishedOperation('Payment');
const MY_PAYMENTS = publishedOperation('MyPayments');

interface PaymentView {
  id: string;
  status: string;
  amount: { kopecks: number; rubles: string };
  target: { kind: string; uin?: string | null };
  paymentFormUrl: string | null;
}

/** An unpaid fine whose article has a discount, its window closed before the simulators' today. */
const pastWindow = (f: PayableView['unpaidFines'][number]): boolean => f.discountUntil !== null && f.discountUntil < '2026-11-21';

/**
 * Paying from the graph, end to end: the portal's operations through the unchanged gateway, the
 * real simulators of the bank and of the owning systems, the payer at the bank's form. Every
 * payment is counted at the bank (charges) and at its owner (confirmations), and they must agree.
 */
describe('paying bills, fines and the parking account from the graph', () => {
  let system: EmbeddedSystem;
  const taken = new Set<number>();
  let billPayers: PayableView[];
  let finePayers: PayableView[];
  let topUpPayer: PayableView;
  let stranger: PayableView;
  let latePayer: PayableView;

  const send = <T>(query: string, token: string, variables: Record<string, unknown>): Promise<ClientReply<T>> => postGraphQL<T>(system.gateway.graphqlUrl, query, { token, variables });
  const payBill = (who: PayableView, uin: string, key: string) => send<{ payBill: PaymentView }>(PAY_BILL, who.token, { uin, key });
  const payFine = (who: PayableView, uin: string, key: string) => send<{ payFine: PaymentView }>(PAY_FINE, who.token, { uin, key });
  const paymentOf = async (who: PayableView, id: string): Promise<PaymentView | null> => (await send<{ payment: PaymentView | null }>(PAYMENT, who.token, { id })).data?.payment ?? null;
  const settled = (who: PayableView, id: string, status: string) => eventually(async () => ((await paymentOf(who, id))?.status === status ? true : undefined), { what: `payment ${status}` });
  const code = (reply: ClientReply) => reply.errors?.[0]?.extensions?.code;
  const ordersAtBank = async () => (await acquirerCharges(system.simulators.acquirer.url)).registered;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: NOW, logLevel: 'silent', payments: { reconcileAfterMs: 2_000, pollIntervalMs: 25, retry: { minMs: 1_000, maxMs: 60_000 } } });
    billPayers = await findPayers(system, 3, (v) => v.unpaidBills.length >= 2, taken);
    finePayers = await findPayers(system, 1, (v) => v.unpaidFines.some((f) => f.discountUntil !== null && f.discountUntil >= '2026-11-21'), taken);
    [latePayer] = (await findPayers(system, 1, (v) => v.unpaidFines.some(pastWindow), taken)) as [PayableView];
    [topUpPayer] = (await findPayers(system, 1, (v) => v.hasParkingAccount, taken)) as [PayableView];
    [stranger] = (await findPayers(system, 1, (v) => v.unpaidBills.length === 0, taken)) as [PayableView];
  });
  afterAll(() => system.close());

  it("pays a bill: the housing system's amount due, the bank's form, PAID on its callback, CONFIRMED to housing once", async () => {
    const payer = billPayers[0]!;
    const bill = payer.unpaidBills[0]!;
    const reply = await payBill(payer, bill.uin, 'bill-1');
    expect(reply.errors).toBeUndefined();
    const payment = reply.data!.payBill;
    expect(payment).toMatchObject({ status: 'AWAITING_CARD', amount: { kopecks: bill.dueKopecks }, target: { kind: 'BILL', uin: bill.uin } });
    expect(payment.paymentFormUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/payment\/merchants\//);

    expect(await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays)).toMatchObject({ errorCode: 0 });
    await settled(payer, payment.id, 'CONFIRMED');

    const charges = await acquirerCharges(system.simulators.acquirer.url, payment.id);
    expect(charges).toMatchObject({ charged: 1, chargedKopecks: bill.dueKopecks });
    const epd = (await confirmationsAt(system.simulators.housing.url)).epd!;
    expect(epd.byTarget[bill.uin]).toBe(1);
    expect(epd.kopecksByTarget[bill.uin]).toBe(bill.dueKopecks);
    expect((await paymentOf(payer, payment.id))?.paymentFormUrl).toBeNull();
  });

  it('pays a fine inside its discount window at the discounted amount, confirmed to the payments register once', async () => {
    const payer = finePayers[0]!;
    const fine = payer.unpaidFines.find((f) => f.discountUntil !== null && f.discountUntil >= '2026-11-21')!;
    const reply = await payFine(payer, fine.uin, 'fine-1');
    expect(reply.errors).toBeUndefined();
    const payment = reply.data!.payFine;
    expect(payment).toMatchObject({ status: 'AWAITING_CARD', amount: { kopecks: fine.discountedKopecks }, target: { kind: 'FINE', uin: fine.uin } });
    await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
    await settled(payer, payment.id, 'CONFIRMED');
    expect(await acquirerCharges(system.simulators.acquirer.url, payment.id)).toMatchObject({ charged: 1, chargedKopecks: fine.discountedKopecks });
    const register = (await confirmationsAt(system.simulators.parking.url)).register!;
    expect(register.byTarget[fine.uin]).toBe(1);
    expect(register.kopecksByTarget[fine.uin]).toBe(fine.discountedKopecks);
  });

  it('tops up the parking account within its limits, credited by AMPP once; out of range is refused before the bank', async () => {
    const before = await ordersAtBank();
    const tooSmall = await send<{ topUpParkingAccount: PaymentView }>(TOP_UP, topUpPayer.token, { amount: 1, key: 'top-up-small' });
    expect(code(tooSmall)).toBe('TOPUP_AMOUNT_OUT_OF_RANGE');
    const tooLarge = await send<{ topUpParkingAccount: PaymentView }>(TOP_UP, topUpPayer.token, { amount: 2_000_000_000, key: 'top-up-large' });
    expect(code(tooLarge)).toBe('TOPUP_AMOUNT_OUT_OF_RANGE');
    expect(await ordersAtBank()).toBe(before);

    const reply = await send<{ topUpParkingAccount: PaymentView }>(TOP_UP, topUpPayer.token, { amount: 50_000, key: 'top-up-1' });
    expect(reply.errors).toBeUndefined();
    const payment = reply.data!.topUpParkingAccount;
    expect(payment).toMatchObject({ status: 'AWAITING_CARD', amount: { kopecks: 50_000 }, target: { kind: 'PARKING_TOP_UP' } });
    await payOnForm(payment.paymentFormUrl!, TEST_CARDS.pays);
    await settled(topUpPayer, payment.id, 'CONFIRMED');
    expect(await acquirerCharges(system.simulators.acquirer.url, payment.id)).toMatchObject({ charged: 1, chargedKopecks: 50_000 });
    const ampp = (await confirmationsAt(system.simulators.parking.url)).ampp!;
    expect(Object.values(ampp.kopecksByTarget).reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(ampp.accepted).toBe(1);
  });

  it('answers one payment per idempotency key, refuses the key for another target, and never charges a bill in flight twice', async () => {
    const payer = billPayers[1]!;
    const [first, second] = payer.unpaidBills;
    const a = await payBill(payer, first!.uin, 'same-key');
    const again = await payBill(payer, first!.uin, 'same-key');
    expect(again.data!.payBill.id).toBe(a.data!.payBill.id);
    expect((await acquirerCharges(system.simulators.acquirer.url, a.data!.payBill.id)).registered).toBe(1);

    expect(code(await payBill(payer, second!.uin, 'same-key'))).toBe('IDEMPOTENCY_KEY_REUSED');

    const before = await ordersAtBank();
    const otherKey = await payBill(payer, first!.uin, 'another-key');
    expect(code(otherKey)).toBe('PAYMENT_IN_PROGRESS');
    expect(await ordersAtBank()).toBe(before);

    // The payer pays the one order there is: one charge, one confirmation.
    await payOnForm(a.data!.payBill.paymentFormUrl!, TEST_CARDS.pays);
    await settled(payer, a.data!.payBill.id, 'CONFIRMED');
    expect((await confirmationsAt(system.simulators.housing.url)).epd!.byTarget[first!.uin]).toBe(1);
    // Paid in full: nothing is due any more.
    expect(code(await payBill(payer, first!.uin, 'after-paid'))).toBe('PAYMENT_NOT_DUE');
  });

  it("refuses another resident's bill without asking the bank, records the attempt, and shows no one else's payment", async () => {
    const owner = billPayers[2]!;
    const uin = owner.unpaidBills[0]!.uin;
    const before = await ordersAtBank();
    const attempt = await payBill(stranger, uin, 'not-mine');
    expect(code(attempt)).toBe('NOT_FOUND');
    expect(attempt.errors?.[0]?.message).not.toContain(uin);
    expect(await ordersAtBank()).toBe(before);
    const events = await eventually(async () => {
      const found = await system.audit.query({ actorId: String(stranger.personId), limit: 50 });
      return found.some((e) => e.subgraph === 'payments' && e.outcome === 'refused' && e.fields.includes('payBill')) ? found : undefined;
    });
    expect(JSON.stringify(events)).not.toContain(uin);

    const own = await payBill(owner, uin, 'mine');
    expect(own.data!.payBill.status).toBe('AWAITING_CARD');
    expect(await paymentOf(stranger, own.data!.payBill.id)).toBeNull();
  });

  it('declines a card failing 3-D Secure: DECLINED, nothing charged, nothing confirmed', async () => {
    const payer = billPayers[2]!;
    const mine = (await send<{ me: { payments: { payments: PaymentView[] } } }>(MY_PAYMENTS, payer.token, { first: 5 })).data!.me.payments.payments;
    const awaiting = mine.find((p) => p.status === 'AWAITING_CARD')!;
    const full = (await paymentOf(payer, awaiting.id))!;
    expect(await payOnForm(full.paymentFormUrl!, TEST_CARDS.failsThreeDSecure)).toMatchObject({ errorCode: 0 });
    await settled(payer, awaiting.id, 'DECLINED');
    expect(await acquirerCharges(system.simulators.acquirer.url, awaiting.id)).toMatchObject({ charged: 0, declined: 1 });
  });

  it("shows the latest payment on the dashboard's bills and fines, and lists the resident's payments by page", async () => {
    const payer = billPayers[1]!;
    const dashboard = await postGraphQL<{
      me: {
        homes: Array<{ bills: Array<{ uin: string; status: string; payment: { id: string; status: string } | null }> }>;
        vehicles: Array<{ fines: Array<{ uin: string; payment: { status: string } | null }> }>;
      };
    }>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: payer.token });
    expect(dashboard.errors).toBeUndefined();
    const bills = dashboard.data!.me.homes.flatMap((h) => h.bills);
    const paid = bills.find((b) => b.uin === payer.unpaidBills[0]!.uin);
    expect(paid).toMatchObject({ status: 'PAID', payment: { status: 'CONFIRMED' } });
    expect(bills.filter((b) => b.uin !== paid!.uin).every((b) => b.payment === null)).toBe(true);

    const finePayer = finePayers[0]!;
    const fines = (
      await postGraphQL<{ me: { vehicles: Array<{ fines: Array<{ uin: string; status: string; payment: { status: string } | null }> }> } }>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, {
        token: finePayer.token,
      })
    ).data!.me.vehicles.flatMap((v) => v.fines);
    expect(fines.find((f) => f.payment !== null)).toMatchObject({ status: 'PAID', payment: { status: 'CONFIRMED' } });

    const page1 = (await send<{ me: { payments: { payments: PaymentView[]; hasNextPage: boolean; endCursor: string | null } } }>(MY_PAYMENTS, payer.token, { first: 1 })).data!.me.payments;
    expect(page1).toMatchObject({ hasNextPage: false, payments: [{ status: 'CONFIRMED' }] });
    const stranger0 = (await send<{ me: { payments: { payments: PaymentView[] } } }>(MY_PAYMENTS, stranger.token, { first: 10 })).data!.me.payments.payments;
    expect(stranger0).toEqual([]);
  });

  it('pays a fine after its discount window at its whole amount', async () => {
    // The fines service dates its fines from today (the simulators' clock): this one's window closed before today.
    const payer = latePayer;
    const fine = payer.unpaidFines.find(pastWindow)!;
    const reply = await payFine(payer, fine.uin, 'late-fine');
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.payFine.amount.kopecks).toBe(fine.amountKopecks);
    await payOnForm(reply.data!.payFine.paymentFormUrl!, TEST_CARDS.pays);
    await settled(payer, reply.data!.payFine.id, 'CONFIRMED');
    const register = (await confirmationsAt(system.simulators.parking.url)).register!;
    expect(register.kopecksByTarget[fine.uin]).toBe(fine.amountKopecks);
  });

  it("takes the bank's callback only with its checksum", async () => {
    const callback = `${system.subgraphs.payments.url}/acquirer/callback?mdOrder=x&orderNumber=y&operation=deposited&status=1&checksum=00`;
    const res = await request(callback);
    await res.body.dump();
    expect(res.statusCode).toBe(400);
  });
});
