/**
 * The UIN (SupplierBillID) of a state charge: 20 or 25 characters. The 20-character form ends in a
 * check digit over the first 19 digits.
 */
function weightedSum(digits: string, shift: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (((i + shift) % 10) + 1);
  return sum % 11;
}

/** The check digit for the first 19 digits of a 20-character UIN. */
export function uinCheckDigit(first19: string): string {
  const first = weightedSum(first19, 0);
  if (first < 10) return String(first);
  const second = weightedSum(first19, 2);
  return second < 10 ? String(second) : '0';
}

export function isValidUin(uin: string): boolean {
  if (/^\d{25}$/.test(uin)) return true;
  if (!/^\d{20}$/.test(uin)) return false;
  return uinCheckDigit(uin.slice(0, 19)) === uin[19];
}
