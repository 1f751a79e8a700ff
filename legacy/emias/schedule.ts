import { addDays, fromMoscow, hash32, moscowDate, moscowIso, moscowParts } from '../kit';

/**
 * The appointment grid: weekdays, 08:00 to 20:00 Moscow time, a slot every 20 minutes, for the
 * fourteen days that start today. A fixed share of slots is taken by patients the simulator does
 * not model; the rest are free until someone books them.
 */

export const DAYS_AHEAD = 14;
export const SLOT_MINUTES = 20;
const FIRST_HOUR = 8;
const LAST_HOUR = 20;
const SLOTS_PER_DAY = ((LAST_HOUR - FIRST_HOUR) * 60) / SLOT_MINUTES;
/** Percent of slots already taken by others. */
const TAKEN_PERCENT = 35;

export interface Slot {
  start: Date;
  end: Date;
}

/** `2026-11-23T08:00:00+03:00`, the one spelling the simulator stores slots by. */
export const slotKey = (doctorId: number, start: Date): string => `${doctorId}|${moscowIso(start)}`;

export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The Moscow calendar days with reception, from today for fourteen days. */
export function receptionDays(now: Date): string[] {
  const today = moscowDate(now);
  return Array.from({ length: DAYS_AHEAD }, (_, i) => addDays(today, i)).filter(isWeekday);
}

export function slotsOfDay(date: string): Slot[] {
  return Array.from({ length: SLOTS_PER_DAY }, (_, k) => {
    const minutes = FIRST_HOUR * 60 + k * SLOT_MINUTES;
    const start = fromMoscow(date, Math.floor(minutes / 60), minutes % 60);
    return { start, end: new Date(start.getTime() + SLOT_MINUTES * 60_000) };
  });
}

/** Taken by someone outside the simulation; the same answer every time. */
export function takenByOthers(seed: string, doctorId: number, start: Date): boolean {
  return hash32(seed, 'emias', 'slot', slotKey(doctorId, start)) % 100 < TAKEN_PERCENT;
}

/**
 * Whether an instant pair is a slot of the grid that can still be booked: in the future, within
 * the window, on a weekday, on the 20-minute grid, and exactly one slot long.
 */
export function isBookableSlot(now: Date, start: Date, end: Date): boolean {
  if (start.getTime() <= now.getTime()) return false;
  if (end.getTime() - start.getTime() !== SLOT_MINUTES * 60_000) return false;
  const date = moscowDate(start);
  if (!receptionDays(now).includes(date)) return false;
  const { hour, minute } = moscowParts(start);
  if (start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) return false;
  const minutes = hour * 60 + minute;
  return minutes >= FIRST_HOUR * 60 && minutes < LAST_HOUR * 60 && (minutes - FIRST_HOUR * 60) % SLOT_MINUTES === 0;
}
