import { request } from 'undici';
import { callbackChecksum, createAcquirerSimulator, TEST_CARDS } from '../../legacy/acquirer';
import { createHousingSimulator } from '../../legacy/housing';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { createParkingSimulator } from '../../legacy/parking';
import { Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { acquirerCharges, payOnForm } from '../../test/support/payment-ledgers';
import type { SubgraphConfig } from '../kit';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { ACQUIRER_CALLBACK_PATH } from './acquirer-callback';
import { createPaymentsSubgraph, type PaymentsConfig } from './service';

const TOP_UP = /* GraphQL */ `mutation ($amount: Int!, $key: String!) { topUpParkingAccount(amount: $amount, idempotencyKey: $key) { id status paymentFormUrl } }`;
const PAYMENT = /* GraphQL */ `query ($id: ID!) { payment(id: $id) { id status } }`;

/**
 * The bank's notification callback on the payments subgraph, against the real simulators: it is
 * no traffic of the gateway's and trusted for nothing. A notification without the merchant's
 * checksum is refused; a genuine one only makes the subgraph read the order's status from the
 * bank, so one claiming a payment the bank has not taken moves nothing.
 */
describe('the acquirer callback of the payments subgraph', () => {
  const population = new Population();
  const clock = new AdjustableClock();
  const payer = population.findAdult((p) => p.parkingAccountId !== null);
  const resident = { kind: 'resident' as const, personId: String(payer.id) };
  const sims: RunningSimulator[] = [];
  let acquirer: RunningSimulator;
  let subgraph: TestSubgraph;

  const notify = async (params: Record<string, string>, secret = DEFAULT_SERVICE_TOKEN): Promise<number> => {
    const query = new URLSearchParams({ ...params, checksum: callbackChecksum(params, secret) });
    const res = await request(`${subgraph.url}${ACQUIRER_CALLBACK_PATH}?${query}`);
    await res.body.dump();
    return res.statusCode;
  };
  const statusOf = async (id: string) => (await subgraph.query<{ payment: { status: string } | null }>(PAYMENT, { id }, resident)).data?.payment?.status;

  beforeAll(async () => {
    const deps = { population, clock, serviceToken: DEFAULT_SERVICE_TOKEN };
    const [registry, housing, parking] = await Promise.all(
      [createRegistrySimulator, createHousingSimulator, createParkingSimulator].map((create) => startSimulator(create(deps), { clock })),
    );
    // No callback URL at the bank: the test is the bank's only notifier.
    acquirer = await startSimulator(createAcquirerSimulator(deps), { clock });
    sims.push(registry!, housing!, parking!, acquirer);
    const config: Omit<PaymentsConfig, keyof SubgraphConfig> & { registryUrl: string } = {
      registryUrl: registry!.url,
      acquirerUrl: acquirer.url,
      acquirerServiceToken: DEFAULT_SERVICE_TOKEN,
      housingUrl: housing!.url,
      housingServiceToken: DEFAULT_SERVICE_TOKEN,
      parkingUrl: parking!.url,
      finesUrl: parking!.url,
      paymentsRegisterUrl: parking!.url,
      parkingServiceToken: DEFAULT_SERVICE_TOKEN,
      // The worker would settle payments on its own; here only the callback may.
      payments: { worker: false },
    };
    subgraph = await startTestSubgraph(createPaymentsSubgraph, config, { clock });
  });
  afterAll(async () => {
    await subgraph.close();
    await Promise.all(sims.map((sim) => sim.close()));
  });

  it("refuses a notification without the merchant's checksum, or with another secret's", async () => {
    const params = { mdOrder: 'a', orderNumber: 'b', operation: 'deposited', status: '1' };
    const bare = await request(`${subgraph.url}${ACQUIRER_CALLBACK_PATH}?${new URLSearchParams(params)}`);
    await bare.body.dump();
    expect(bare.statusCode).toBe(400);
    expect(await notify(params, 'not-the-merchants-secret')).toBe(400);
  });

  it('takes a genuine notification as a hint only: "deposited" for an unpaid order moves nothing, the paid order becomes PAID', async () => {
    const made = await subgraph.query<{ topUpParkingAccount: { id: string; status: string; paymentFormUrl: string } }>(TOP_UP, { amount: 50_000, key: 'callback' }, resident);
    expect(made.errors).toBeUndefined();
    const payment = made.data!.topUpParkingAccount;
    const [order] = (await acquirerCharges(acquirer.url, payment.id)).orders;

    // Signed as the bank signs, claiming a payment the bank has not taken.
    expect(await notify({ mdOrder: order!.orderId, orderNumber: payment.id, operation: 'deposited', status: '1' })).toBe(200);
    expect(await statusOf(payment.id)).toBe('AWAITING_CARD');

    await payOnForm(payment.paymentFormUrl, TEST_CARDS.pays);
    expect(await notify({ mdOrder: order!.orderId, orderNumber: payment.id, operation: 'deposited', status: '1' })).toBe(200);
    expect(await statusOf(payment.id)).toBe('PAID');
  });

  it('answers a notification of an order it does not hold without acting on it', async () => {
    expect(await notify({ mdOrder: '00000000-0000-4000-8000-000000000000', orderNumber: 'someone-elses-order', operation: 'deposited', status: '1' })).toBe(200);
  });
});
