/**
 * SNILS, the personal insurance account number: 11 digits shown `NNN-NNN-NNN NN`, the last two a
 * check number over the first nine. Numbers up to 001-001-998 were issued before the check
 * existed and are not checked.
 */
const SNILS_PATTERN = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/;

/** The check number for the first nine digits. */
export function snilsCheckNumber(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  if (sum > 101) sum %= 101;
  if (sum === 100 || sum === 101) return '00';
  return String(sum).padStart(2, '0');
}

/** Digits only, or `undefined` when the input is not shaped like a SNILS. */
export function snilsDigits(input: string): string | undefined {
  const m = SNILS_PATTERN.exec(input.trim());
  return m ? `${m[1]}${m[2]}${m[3]}${m[4]}` : undefined;
}

export function isValidSnils(input: string): boolean {
  const digits = snilsDigits(input);
  if (!digits) return false;
  const body = digits.slice(0, 9);
  if (Number(body) <= 1_001_998) return true;
  return snilsCheckNumber(body) === digits.slice(9);
}

/** `NNN-NNN-NNN NN` from 11 digits. */
export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9, 11)}`;
}

/** Shows only the last check number, as the portal does: `***-***-*** 95`. */
export function maskSnils(formatted: string): string {
  const digits = snilsDigits(formatted);
  return digits ? `***-***-*** ${digits.slice(9)}` : '***-***-*** **';
}
