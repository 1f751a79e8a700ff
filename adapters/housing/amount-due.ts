import type { Bill } from './port';

/**
 * What is left to pay on an EPD, in kopecks: the accrual and the penalty, less what was paid. Never
 * below zero (a document paid with its voluntary insurance shows more paid than accrued). This is
 * the amount the payer is charged: the housing system's figure at the moment of payment.
 */
export function amountDueKopecks(bill: Pick<Bill, 'accrual' | 'penalty' | 'paid'>): number {
  return Math.max(0, bill.accrual + bill.penalty - bill.paid);
}
