import { request } from 'undici';
import { realisticLatency } from '../../deploy/simulators';
import { type ChargesReport, TEST_CARDS } from '../../legacy/acquirer';
import { EPD_PAYMENT_PATH } from '../../legacy/housing';
import type { ConfirmationCounts } from '../../legacy/kit';
import { TOPUP_PATH } from '../../legacy/parking';
import { trustedBody } from '../dashboard-request';
import { dashboardResidents } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** A day in the middle of a month, when every resident's last EPDs are issued. */
const START_AT = new Date('2026-11-21T10:00:00+03:00');
const FINAL = new Set(['CONFIRMED', 'DECLINED', 'EXPIRED', 'FAILED']);

interface Task {
  token: string;
  operation: 'PayBill' | 'TopUpParkingAccount';
  variables: Record<string, unknown>;
  /** Every fifth payer's card fails 3-D Secure: declines are part of the traffic. */
  card: string;
}

/**
 * Residents pay bills and top up their parking accounts through the gateway (trusted documents, as
 * in production) and at the bank's form, at a steady rate. A third of the way in, the bank's
 * callbacks are lost and the housing system and AMPP refuse every confirmation; at two thirds they
 * come back. Then every payment must settle, and the bank's charges must equal the owners'
 * confirmations: no payment lost, none doubled.
 */
export const payments: Scenario = {
  id: 'payments',
  async run(harness, mode) {
    const durationSec = mode === 'full' ? 60 : 20;
    const wanted = mode === 'full' ? 120 : 30;
    const backend = await harness.startBackend(realisticLatency(0.5), START_AT, {
      payments: { reconcileAfterMs: 3_000, pollIntervalMs: 100, retry: { minMs: 500, maxMs: 5_000 } },
    });
    const gateway = await harness.startGateway('ours', backend);
    const url = Object.values(gateway.urls)[0]!;
    const sim = backend.simulatorUrls;
    const send = async (
      token: string,
      operation: string,
      variables?: Record<string, unknown>,
    ): Promise<{ data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> }> => {
      const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: trustedBody(operation, variables) });
      return (await res.body.json()) as { data?: Record<string, unknown> | null };
    };

    // What each resident owes, from the dashboard the portal shows them.
    const tasks: Task[] = [];
    const pool = dashboardResidents(harness.population, wanted * 2);
    const tokens = await harness.tokens(pool.map((p) => p.id));
    for (const token of tokens) {
      if (tasks.length >= wanted) break;
      const me = (await send(token, 'ResidentDashboard')).data?.me as
        | { homes?: Array<{ bills?: Array<{ uin: string; status: string }> | null }> | null; parkingAccount?: unknown }
        | undefined;
      const bill = (me?.homes ?? []).flatMap((h) => h.bills ?? []).find((b) => b.status === 'NOT_PAID');
      const card = tasks.length % 5 === 4 ? TEST_CARDS.failsThreeDSecure : TEST_CARDS.pays;
      if (bill) tasks.push({ token, operation: 'PayBill', variables: { uin: bill.uin, key: `bench-${tasks.length}` }, card });
      else if (me?.parkingAccount) tasks.push({ token, operation: 'TopUpParkingAccount', variables: { amount: 50_000, key: `bench-${tasks.length}` }, card });
    }

    const breakAll = async (down: boolean): Promise<void> => {
      await post(`${sim.acquirer}/__admin/callbacks`, { drop: down });
      for (const [base, endpoint] of [
        [sim.housing, `POST ${EPD_PAYMENT_PATH}`],
        [sim.parking, `POST ${TOPUP_PATH}`],
      ] as const) {
        if (down) await post(`${base}/__admin/faults`, { endpoint, errorRate: 1, status: 503 });
        else await (await request(`${base}/__admin/faults`, { method: 'DELETE' })).body.dump();
      }
    };

    const made: Array<{ token: string; id: string }> = [];
    const refusals: Record<string, number> = {};
    const intervalMs = (durationSec * 1000) / Math.max(1, tasks.length);
    const started = Date.now();
    const downAt = started + (durationSec * 1000) / 3;
    const upAt = started + (2 * durationSec * 1000) / 3;
    let down = false;
    const inFlight: Array<Promise<void>> = [];
    for (const [i, task] of tasks.entries()) {
      const due = started + i * intervalMs;
      while (Date.now() < due) await sleep(Math.min(50, due - Date.now()));
      if (!down && Date.now() >= downAt && Date.now() < upAt) {
        await breakAll(true);
        down = true;
      } else if (down && Date.now() >= upAt) {
        await breakAll(false);
        down = false;
      }
      inFlight.push(
        (async () => {
          const reply = await send(task.token, task.operation, task.variables);
          const payment = (reply.data?.[task.operation === 'PayBill' ? 'payBill' : 'topUpParkingAccount'] ?? null) as { id: string; paymentFormUrl: string | null } | null;
          if (!payment) {
            const code = reply.errors?.[0]?.extensions?.code ?? 'NO_ANSWER';
            refusals[code] = (refusals[code] ?? 0) + 1;
            return;
          }
          made.push({ token: task.token, id: payment.id });
          if (payment.paymentFormUrl) await payOnForm(payment.paymentFormUrl, task.card);
        })(),
      );
    }
    await Promise.all(inFlight);
    if (down) await breakAll(false);

    // Every payment settles: the worker polls the lost callbacks and retries the confirmations.
    const drainStarted = Date.now();
    const statuses: Record<string, number> = {};
    for (;;) {
      const seen = await Promise.all(made.map(async (m) => ((await send(m.token, 'Payment', { id: m.id })).data?.payment as { status: string } | null)?.status ?? 'UNKNOWN'));
      for (const key of Object.keys(statuses)) delete statuses[key];
      for (const status of seen) statuses[status] = (statuses[status] ?? 0) + 1;
      if (seen.every((s) => FINAL.has(s)) || Date.now() - drainStarted > 120_000) break;
      await sleep(500);
    }
    const drainedInSec = Math.round((Date.now() - drainStarted) / 1000);

    const charges = (await (await request(`${sim.acquirer}/__admin/charges`)).body.json()) as ChargesReport;
    const ledgers: ConfirmationCounts[] = [];
    for (const base of [sim.housing, sim.parking]) {
      const byLedger = (await (await request(`${base}/__admin/confirmations`)).body.json()) as Record<string, ConfirmationCounts>;
      ledgers.push(...Object.values(byLedger));
    }
    const accepted = ledgers.reduce((sum, l) => sum + l.accepted, 0);
    const acceptedKopecks = ledgers.reduce((sum, l) => sum + Object.values(l.kopecksByTarget).reduce((a, b) => a + b, 0), 0);
    const redelivered = ledgers.reduce((sum, l) => sum + l.duplicates, 0);
    const lost = Math.max(0, charges.charged - accepted);
    const doubled = Math.max(0, accepted - charges.charged) + (charges.orders.length - new Set(charges.orders.map((o) => o.orderNumber)).size);
    await harness.stop(gateway);
    await harness.stop(backend.process);

    return {
      name: '10. Payments under faults',
      setup: `${tasks.length} payments (bills and parking top-ups, every fifth card failing 3-D Secure) over ${durationSec} s at half the realistic latencies; from ${fmt.rps(durationSec / 3)} s to ${fmt.rps((2 * durationSec) / 3)} s the bank's callbacks are lost and the housing system and AMPP refuse every confirmation.`,
      rows: Object.entries(statuses).map(([status, count]) => ({ status, payments: count })),
      targets: [
        {
          target: 'every payment settles after the fault',
          measured: `${JSON.stringify(statuses)} ${drainedInSec} s after the run`,
          met: Object.keys(statuses).every((s) => FINAL.has(s)) && made.length > 0,
        },
        {
          target: 'zero lost payments: every charge at the bank is confirmed to its owner',
          measured: `${charges.charged} charged, ${accepted} confirmed (${redelivered} redeliveries answered as already taken)`,
          met: lost === 0 && charges.charged > 0,
        },
        {
          target: 'zero doubled payments: no order charged twice, no confirmation applied twice',
          measured: `${doubled} doubled; ${charges.chargedKopecks} kopecks charged, ${acceptedKopecks} confirmed`,
          met: doubled === 0 && charges.chargedKopecks === acceptedKopecks,
        },
      ],
      notes: [`Refused at creation: ${JSON.stringify(refusals)}.`],
    };
  },
};

async function post(url: string, body: unknown): Promise<void> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`${url} answered HTTP ${res.statusCode}`);
}

/** The payer at the bank's form: opens it, reads the order it carries, submits the card. */
async function payOnForm(formUrl: string, pan: string): Promise<void> {
  const page = await request(formUrl);
  const html = await page.body.text();
  const mdOrder = /name="MDORDER" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!mdOrder || !action) return;
  const res = await request(new URL(action, formUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ MDORDER: mdOrder, $PAN: pan, $CVC: '123', MM: '12', YYYY: '2030', TEXT: 'CARD HOLDER' }).toString(),
  });
  await res.body.dump();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
