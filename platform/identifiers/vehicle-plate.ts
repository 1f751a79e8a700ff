/**
 * Russian vehicle plates use the twelve Cyrillic letters that look Latin. Residents type them in
 * either alphabet, so input is normalised to Cyrillic before it is checked.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  Y: 'У',
  X: 'Х',
};

export const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
export const MOSCOW_REGIONS = ['77', '97', '99', '177', '197', '199', '777'] as const;

const PLATE_PATTERN = /^[АВЕКМНОРСТУХ]\d{3}(?<!000)[АВЕКМНОРСТУХ]{2}\d{2,3}$/;

/** Upper-cases, drops spaces and maps Latin look-alikes to Cyrillic. */
export function normalizePlate(input: string): string {
  return input
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[ABEKMHOPCTYX]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
}

/** The normalised plate, or `undefined` when it is not a valid plate. */
export function parsePlate(input: string): string | undefined {
  const plate = normalizePlate(input);
  return PLATE_PATTERN.test(plate) ? plate : undefined;
}
