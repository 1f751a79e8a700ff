import { fromMoscow, moscowDate, Seeded } from '../kit';
import { isAbsent } from './diary';
import { eachDay, isSchoolDay, schoolYearStart } from './school-calendar';
import type { MeshStudent } from './students';

/**
 * A child's school meals account: refills by the parents and purchases in the canteen since the
 * start of the school year, replayed from the seed, so the balance always agrees with the days.
 * Amounts are kopecks. A transaction is shaped as `day_balance_info` sends it (OctoDiary-py's
 * model): `type`, `time`, `amount`, and what was bought in `items[]` (`count`, `title`, `price`,
 * `consist`: the dishes of a set meal); a refill buys nothing. The `type` words are *(designed)*.
 */

export interface MealItem {
  count: number;
  title: string;
  price: number;
  consist: string[];
}

export interface MealTransaction {
  time: string;
  amount: number;
  type: 'purchase' | 'refill';
  items: MealItem[];
}

export interface MealDay {
  date: string;
  /** What was spent that day (refills do not count). */
  expense: number;
  transactions: MealTransaction[];
}

export interface MealsLedger {
  balance: number;
  /** Days with any transaction, newest first. */
  days: MealDay[];
}

const MENU = [
  { title: 'Завтрак', time: [9, 15] as const, chance: 0.8, min: 9_500, max: 14_000, consist: ['Каша молочная', 'Бутерброд с сыром', 'Чай с сахаром'] },
  { title: 'Обед', time: [12, 20] as const, chance: 0.9, min: 15_000, max: 23_000, consist: ['Суп', 'Котлета с гарниром', 'Компот'] },
  { title: 'Буфет', time: [13, 15] as const, chance: 0.3, min: 4_000, max: 9_000, consist: [] },
];
const pad = (n: number): string => String(n).padStart(2, '0');

export function mealsLedger(seed: string, student: MeshStudent, now: Date): MealsLedger {
  const today = moscowDate(now);
  const prices = new Seeded(seed, 'mesh', 'menu', student.school.id);
  const priceOf = MENU.map((item) => prices.int(item.min / 100, item.max / 100) * 100 + prices.int(0, 99));
  let balance = new Seeded(seed, 'mesh', 'meals-opening', student.person.id).int(0, 30) * 10_000;
  const days: MealDay[] = [];
  for (const date of eachDay(schoolYearStart(today), today)) {
    if (!isSchoolDay(date) || isAbsent(seed, student, date)) continue;
    const r = new Seeded(seed, 'mesh', 'meals', student.person.id, date);
    const transactions: MealTransaction[] = [];
    const happened = (h: number, m: number): boolean => fromMoscow(date, h, m) <= now;
    // Parents top the account up in the morning when it runs low.
    if (balance < 50_000 && happened(7, 30)) {
      const sum = r.pick([200_000, 300_000, 500_000]);
      balance += sum;
      transactions.push({ time: '07:30', amount: sum, type: 'refill', items: [] });
    }
    let expense = 0;
    MENU.forEach((item, i) => {
      const price = priceOf[i]!;
      if (!r.chance(item.chance) || !happened(item.time[0], item.time[1]) || balance < price) return;
      balance -= price;
      expense += price;
      transactions.push({ time: `${pad(item.time[0])}:${pad(item.time[1])}`, amount: price, type: 'purchase', items: [{ count: 1, title: item.title, price, consist: item.consist }] });
    });
    if (transactions.length > 0) days.push({ date, expense, transactions });
  }
  return { balance, days: days.reverse() };
}
