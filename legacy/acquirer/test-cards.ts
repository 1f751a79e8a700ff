/**
 * The simulator's test cards, in the manner of the banks' test environments: the card number the
 * payer types on the payment form decides what happens *(designed numbers; each passes the Luhn
 * check)*. Any other card with a valid number pays.
 */
export const TEST_CARDS = {
  /** Passes 3-D Secure and pays. */
  pays: '4111111111111111',
  /** Fails 3-D Secure: the order is declined. */
  failsThreeDSecure: '4000000000000002',
  /** The issuer declines for want of funds. */
  insufficientFunds: '4000000000009995',
  /** Goes to the issuer's 3-D Secure page and never comes back: the order waits, then expires. */
  abandonsThreeDSecure: '4000000000003220',
} as const;

export type CardOutcome = 'pays' | 'fails-3ds' | 'insufficient-funds' | 'abandons-3ds';

const OUTCOMES: Readonly<Record<string, CardOutcome>> = {
  [TEST_CARDS.pays]: 'pays',
  [TEST_CARDS.failsThreeDSecure]: 'fails-3ds',
  [TEST_CARDS.insufficientFunds]: 'insufficient-funds',
  [TEST_CARDS.abandonsThreeDSecure]: 'abandons-3ds',
};

/** What paying with `pan` does; undefined when the number is not a card number at all. */
export function outcomeOf(pan: string): CardOutcome | undefined {
  if (!luhnValid(pan)) return undefined;
  return OUTCOMES[pan] ?? 'pays';
}

/** 13 to 19 digits whose Luhn sum is a multiple of ten. */
export function luhnValid(pan: string): boolean {
  if (!/^\d{13,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let digit = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The number as the bank shows it back: the first six and last four digits. */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}**${pan.slice(-4)}`;
}

/** The card scheme by its first digit, as `cardAuthInfo.paymentSystem` names it. */
export function paymentSystemOf(pan: string): string {
  if (pan.startsWith('2')) return 'MIR';
  if (pan.startsWith('4')) return 'VISA';
  if (pan.startsWith('5')) return 'MASTERCARD';
  return 'UNKNOWN';
}
