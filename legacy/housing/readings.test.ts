import { Population } from '../population';
import { HousingData } from './model';
import { ReadingBook } from './readings';
import { openPeriod } from './rules';

/**
 * `ReadingBook.last` answers the meters list without building a meter's whole history; it must
 * answer exactly what the history's last entry is, before and after readings are given and taken
 * back, or the list would show a reading the history does not.
 */
describe('the newest reading of a meter', () => {
  const population = new Population();
  const data = new HousingData(population);
  const homes = Array.from({ length: 300 }, (_, i) => data.homesOf(1000 + i)).flat();
  const meters = homes.flatMap((home) => home.meters.map((meter) => ({ home, meter })));
  // Days across the reading windows: before, inside and after water's and electricity's.
  const days = ['2026-11-03', '2026-11-04', '2026-11-15', '2026-11-21', '2026-11-26', '2026-11-27', '2026-12-31', '2021-01-20', '2019-06-01'];

  it('is the last of the generated history for every meter and day', () => {
    expect(meters.length).toBeGreaterThan(300);
    const book = new ReadingBook(data);
    for (const { meter } of meters) for (const today of days) expect(book.last(meter, today)).toStrictEqual(book.history(meter, today).at(-1));
  });

  it('is the last of the history after a reading is given, and after it is taken back', () => {
    const book = new ReadingBook(data);
    const now = new Date('2026-11-21T09:00:00Z');
    let given = 0;
    for (const { home, meter } of meters) {
      const today = '2026-11-21';
      const period = openPeriod(meter.typeName, today);
      const before = book.history(meter, today).at(-1);
      if (period === undefined || meter.checkUpDate < today) continue;
      const reading = book.check(home, meter, String((before?.indication ?? 0) + 1), today, (open) => open === period, 'whole');
      book.take(meter, reading, now);
      given++;
      for (const day of [today, '2026-11-26', '2026-12-20', '2027-01-10']) expect(book.last(meter, day)).toStrictEqual(book.history(meter, day).at(-1));
      expect(book.last(meter, today)).toStrictEqual({ period, indication: reading.value, source: expect.any(String) });
      book.removeLast(meter, today);
      expect(book.last(meter, today)).toStrictEqual(before);
      expect(book.last(meter, today)).toStrictEqual(book.history(meter, today).at(-1));
    }
    expect(given).toBeGreaterThan(50);
  });
});
