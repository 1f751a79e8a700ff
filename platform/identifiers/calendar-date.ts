import { LRUCache } from 'lru-cache';

/** A real calendar day written `YYYY-MM-DD` (so `2026-02-30` is not one). */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10) return false;
  const known = checked.get(value);
  if (known !== undefined) return known;
  const answer = /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDay(value);
  checked.set(value, answer);
  return answer;
}

/** Every payload field that holds a date is checked: the same few thousand days again and again. */
const checked = new LRUCache<string, boolean>({ max: 20_000 });

function isRealDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
