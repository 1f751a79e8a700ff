import { request } from 'undici';
import type { ChargesReport } from '../../legacy/acquirer';
import type { ConfirmationCounts } from '../../legacy/kit';

/**
 * The payer at the bank's payment form, as a browser is: opens `formUrl`, reads the order id the
 * page carries and where the form posts, and submits a card. The card number decides the outcome
 * (`TEST_CARDS` of the acquirer simulator).
 */
export async function payOnForm(formUrl: string, pan: string, cardholder = 'CARD HOLDER'): Promise<{ errorCode: number; redirect?: string; error?: string; info?: string }> {
  const page = await request(formUrl);
  const html = await page.body.text();
  if (page.statusCode !== 200) throw new Error(`the payment form answered HTTP ${page.statusCode}`);
  const mdOrder = /name="MDORDER" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!mdOrder || !action) throw new Error('the payment form carries no order or no action');
  const res = await request(new URL(action, formUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ MDORDER: mdOrder, $PAN: pan, $CVC: '123', MM: '12', YYYY: '2030', TEXT: cardholder }).toString(),
  });
  return (await res.body.json()) as { errorCode: number; redirect?: string; error?: string; info?: string };
}

/** What the acquirer has charged, from its admin endpoint; `orderNumberPrefix` narrows it to one test's orders. */
export async function acquirerCharges(acquirerUrl: string, orderNumberPrefix = ''): Promise<ChargesReport> {
  const res = await request(`${acquirerUrl}/__admin/charges?${new URLSearchParams({ orderNumberPrefix })}`);
  return (await res.body.json()) as ChargesReport;
}

/** The confirmations an owning system has taken, per ledger (`register`, `ampp`, `epd`), from its admin endpoint. */
export async function confirmationsAt(simulatorUrl: string): Promise<Record<string, ConfirmationCounts>> {
  const res = await request(`${simulatorUrl}/__admin/confirmations`);
  return (await res.body.json()) as Record<string, ConfirmationCounts>;
}

/** Polls `read` until `done` holds or the deadline passes; answers the last value read. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 5_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
