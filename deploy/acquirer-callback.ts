import { request } from 'undici';

/**
 * Tells the bank where to notify the merchant, as its operator would configure it at a real bank:
 * here, through the acquirer simulator's admin endpoint. `npm start` (one process or several) points
 * it at the payments subgraph's callback.
 */
export async function configureAcquirerCallback(acquirerUrl: string, callbackUrl: string): Promise<void> {
  const res = await request(`${acquirerUrl}/__admin/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: callbackUrl }) });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`the acquirer simulator refused the callback URL (HTTP ${res.statusCode})`);
}
