import { z } from 'zod';

const Kopecks = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** `GET /api/2.40/accounts/topup/limits?accountId` *(designed)*: `{ minAmount, maxAmount }` in kopecks. */
export const WireTopUpLimits = z.object({ minAmount: Kopecks, maxAmount: Kopecks });
export type WireTopUpLimits = z.infer<typeof WireTopUpLimits>;

/** `POST /api/2.40/accounts/topup` *(designed)*: `{ result, paymentId, accountId, amount, balance }`. */
export const WireTopUpReply = z.object({
  result: z.enum(['ACCEPTED', 'ALREADY_ACCEPTED']),
  paymentId: z.string(),
  accountId: z.string(),
  amount: Kopecks,
  // A balance may go below zero: AMPP lets a session overrun.
  balance: z.number().int(),
});
export type WireTopUpReply = z.infer<typeof WireTopUpReply>;
