import { z } from 'zod';

/**
 * ConfirmEpdPayment's answer *(designed, in the PascalCase of the portal's EPD calls)*:
 * `{ Result, PaymentId, Uin, PaymentStatus, PaymentAmount }`, amounts in roubles as strings.
 */
export const WireEpdPaymentReply = z.object({
  Result: z.enum(['ACCEPTED', 'ALREADY_ACCEPTED']),
  PaymentId: z.string(),
  Uin: z.string(),
  PaymentStatus: z.enum(['PAID', 'NOT_PAID']),
  PaymentAmount: z.string().optional(),
});
export type WireEpdPaymentReply = z.infer<typeof WireEpdPaymentReply>;
