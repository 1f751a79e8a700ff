/**
 * Money as the graph shows it: whole kopecks (never a float) and the same amount as a decimal
 * string of roubles for display. Every subgraph that has amounts declares the same `Money` type.
 */
export interface Money {
  kopecks: number;
  rubles: string;
}

export function money(kopecks: number): Money {
  if (!Number.isSafeInteger(kopecks)) throw new Error('money must be whole kopecks');
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return { kopecks, rubles: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` };
}
