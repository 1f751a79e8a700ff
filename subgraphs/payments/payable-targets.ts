import { amountDueKopecks, type HousingPort } from '../../adapters/housing';
import type { AmppTopUpPort, Fine, FinesPort } from '../../adapters/parking';
import type { PersonRecord, RegistryPort } from '../../adapters/registry';
import { graphqlError } from '../../platform/errors';
import { moscowDate, startOfMonth } from '../../platform/time';
import type { TargetKind } from './types';

/** How far back a bill may be paid: the months the housing subgraph shows, 36. */
const BILL_MONTHS = 36;

/** What is to be paid, as the owning system states it now for this payer. */
export interface PayableTarget {
  kind: TargetKind;
  /** The UIN, or the parking account's id. */
  ref: string;
  amountKopecks: number;
  /** Shown on the bank's form; no personal data. */
  description: string;
}

/** The legacy systems that say what a payer owns and owes. */
export interface OwnerSystems {
  registry: RegistryPort;
  housing: HousingPort;
  fines: FinesPort;
  topUps: Pick<AmppTopUpPort, 'getTopUpLimits'>;
}

/**
 * Finds what a payer may pay and how much, from the owning systems at this moment: never the
 * client's figure. A bill, fine or account counts as the payer's only when the system that owns it
 * lists it for the person the registry holds for the principal: the registry's payer codes, cars
 * and parking account, then the housing system's bills of those homes, the fines service's fines of
 * those cars, AMPP's limits of that account. Anything not found that way is NOT_FOUND, whether it
 * exists for someone else or not at all: the answer says nothing of another person's bills.
 */
export class PayableTargets {
  constructor(private readonly systems: OwnerSystems) {}

  /** The payer's EPD with this UIN, due now: accrual and penalty less what is paid. */
  async bill(payerId: string, uin: string, now: Date): Promise<PayableTarget> {
    const person = await this.person(payerId);
    if (person.payerCodes.length === 0) throw notYours();
    const homes = (await this.systems.housing.getHomes(payerId)).filter((home) => person.payerCodes.includes(home.payerCode));
    if (homes.length === 0) throw notYours();
    const to = startOfMonth(moscowDate(now));
    const bills = await this.systems.housing.getBills(payerId, homes, { from: startOfMonth(to, BILL_MONTHS - 1), to, unpaidOnly: false });
    const bill = [...bills.values()].flat().find((b) => b.uin === uin);
    if (!bill) throw notYours();
    const due = amountDueKopecks(bill);
    if (bill.status === 'PAID' || due === 0) throw graphqlError('PAYMENT_NOT_DUE');
    return { kind: 'BILL', ref: uin, amountKopecks: due, description: `EPD ${bill.period.slice(0, 7)}` };
  }

  /**
   * The payer's fine with this UIN, as the fines service states it: the discounted amount while its
   * window is open (to its last day, Moscow date), else the whole amount.
   */
  async fine(payerId: string, uin: string, now: Date): Promise<PayableTarget> {
    const person = await this.person(payerId);
    const certificates = person.vehicles.map((v) => v.sts);
    if (certificates.length === 0) throw notYours();
    const fines = await this.systems.fines.getFines(certificates);
    const fine = [...fines.values()].flat().find((f) => f.uin === uin);
    if (!fine) throw notYours();
    if (fine.status !== 'UNPAID') throw graphqlError('PAYMENT_NOT_DUE');
    return { kind: 'FINE', ref: uin, amountKopecks: fineAmountDue(fine, now), description: `Fine ${fine.article}` };
  }

  /** The payer's parking account, when `amountKopecks` is within its top-up limits. */
  async topUp(payerId: string, amountKopecks: number): Promise<PayableTarget> {
    const person = await this.person(payerId);
    if (!person.parkingAccountId) throw graphqlError('NOT_FOUND', 'The resident has no parking account.');
    const limits = await this.systems.topUps.getTopUpLimits(person.parkingAccountId);
    if (amountKopecks < limits.minKopecks || amountKopecks > limits.maxKopecks) {
      throw graphqlError('TOPUP_AMOUNT_OUT_OF_RANGE');
    }
    return { kind: 'PARKING_TOP_UP', ref: person.parkingAccountId, amountKopecks, description: 'Parking account top-up' };
  }

  private async person(payerId: string): Promise<PersonRecord> {
    const person = (await this.systems.registry.getPersons([payerId])).get(payerId);
    if (!person) throw notYours();
    return person;
  }
}

/** A fine's amount due on `now`: the discounted amount to the discount's last day, by the Moscow calendar. */
export function fineAmountDue(fine: Pick<Fine, 'amountKopecks' | 'discount'>, now: Date): number {
  return fine.discount && moscowDate(now) <= fine.discount.until ? fine.discount.amountKopecks : fine.amountKopecks;
}

function notYours() {
  return graphqlError('NOT_FOUND', "No such bill or fine among the resident's own.");
}
