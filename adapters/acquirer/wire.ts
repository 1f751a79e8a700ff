import { z } from 'zod';

/**
 * The bank gateway's JSON, as public clients read it. Every answer is HTTP 200; a refusal carries
 * `errorCode` (a string of digits, `"0"` for none: some gateways send it as a number) and
 * `errorMessage`. Fields the adapter does not use (card details, the cardholder's name, bank
 * info) are left out of these schemas, so they are dropped at the boundary.
 */
const ErrorCode = z.union([z.string().regex(/^\d{1,3}$/), z.number().int().nonnegative()]).transform(String);

/** What every answer may carry: the refusal, when there is one. */
export const WireErrorReply = z.object({ errorCode: ErrorCode.optional(), errorMessage: z.string().optional() });
export type WireErrorReply = z.infer<typeof WireErrorReply>;

/** register.do / registerPreAuth.do: `{ orderId, formUrl }`. */
export const WireRegisterReply = z.object({ orderId: z.string().min(1), formUrl: z.string().url() });
export type WireRegisterReply = z.infer<typeof WireRegisterReply>;

const Kopecks = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const NameValue = z.object({ name: z.string(), value: z.string() });

/**
 * getOrderStatusExtended.do:
 *
 * ```json
 * { "errorCode": "0", "errorMessage": "Успешно", "orderNumber": "p-1", "orderStatus": 2,
 *   "actionCode": 0, "actionCodeDescription": "…", "amount": 50000, "currency": "643",
 *   "date": 1795258800000, "merchantOrderParams": [{ "name": "uin", "value": "…" }],
 *   "attributes": [{ "name": "mdOrder", "value": "<orderId>" }], "authDateTime": 1795258860000,
 *   "paymentAmountInfo": { "paymentState": "DEPOSITED", "approvedAmount": 50000,
 *     "depositedAmount": 50000, "refundedAmount": 0 } }
 * ```
 */
export const WireOrderStatus = z.object({
  orderNumber: z.string().min(1),
  orderStatus: z.number().int().min(0).max(6),
  actionCode: z.number().int(),
  amount: Kopecks,
  currency: z.string().optional(),
  date: z.number().optional(),
  merchantOrderParams: z.array(NameValue).optional(),
  attributes: z.array(NameValue).optional(),
  authDateTime: z.number().optional(),
  paymentAmountInfo: z
    .object({
      paymentState: z.string().optional(),
      approvedAmount: Kopecks.optional(),
      depositedAmount: Kopecks.optional(),
      refundedAmount: Kopecks.optional(),
    })
    .optional(),
});
export type WireOrderStatus = z.infer<typeof WireOrderStatus>;

/** The notification callback's query: `mdOrder`, `orderNumber`, `operation`, `status`, `checksum`. */
export const WireCallback = z.object({
  mdOrder: z.string().min(1).max(64),
  orderNumber: z.string().min(1).max(64),
  operation: z.enum(['approved', 'deposited', 'reversed', 'refunded', 'declinedByTimeout']),
  status: z.enum(['0', '1']),
  checksum: z
    .string()
    .regex(/^[0-9A-Fa-f]{64}$/)
    .optional(),
});
export type WireCallback = z.infer<typeof WireCallback>;
