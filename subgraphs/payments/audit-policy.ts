import type { AuditPolicy } from '../kit';

/**
 * Which reads of the payments subgraph go to the audit trail: every read of a resident's payments,
 * the resident's own included (payments are personal financial data, recorded like medical data),
 * and the root fields that act on the signed-in resident's own bills, fines and account. No UIN or
 * amount is written: the field names say what was done.
 */
export const paymentsAuditPolicy: AuditPolicy = {
  everyRead: true,
  residentRootFields: ['payBill', 'payFine', 'topUpParkingAccount', 'payment'],
};
