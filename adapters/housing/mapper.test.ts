import { parseWire } from '../transport';
import capturedInfo from './fixtures/captured/get-info.json';
import capturedCounters from './fixtures/captured/list-by-payer-code.json';
import counters from './fixtures/counters.json';
import epdBatch from './fixtures/epd-batch.json';
import epdWithoutPayment from './fixtures/epd-without-payment-amount.json';
import info from './fixtures/get-info.json';
import infoFlatNumber from './fixtures/get-info-flat-number.json';
import history from './fixtures/history.json';
import { roublesToKopecks, toBill, toHome, toMeter, toReading } from './mapper';
import { type WireCounter, WireCountersReply, type WireEpd, WireEpdReply, WireHistoryReply, WireInfoReply } from './wire';

const endpoint = 'GET /test';

describe('housing mapper on recorded payloads', () => {
  it('maps getInfo addresses to homes, the payer code and the portal id kept apart', () => {
    const homes = WireInfoReply.parse(info).data.addresses.map((a) => toHome(a, endpoint));
    expect(homes).toHaveLength(2);
    for (const home of homes) {
      expect(home.payerCode).toMatch(/^\d{10}$/);
      expect(home.userPlaceId).toMatch(/^\d+$/);
      expect(home.userPlaceId).not.toBe(home.payerCode);
      expect(home.registeredPersons).toBeGreaterThanOrEqual(1);
    }
    expect(toHome({ ...WireInfoReply.parse(info).data.addresses[0]!, flat: ' ' }, endpoint).flat).toBeNull();
  });

  it('maps the Russian meter type names to kinds and the verification day to a date', () => {
    const entries = WireCountersReply.parse(counters).data;
    const meters = entries.flatMap((e) => e.activeCounters.map((c) => toMeter(c, String(e.userPlaceId), endpoint)));
    const byType = new Map(entries.flatMap((e) => e.activeCounters).map((c) => [String(c.counterId), c.typeName]));
    const expected: Record<string, string> = { ХВС: 'COLD_WATER', ГВС: 'HOT_WATER', Электроэнергия: 'ELECTRICITY', Отопление: 'HEAT' };
    for (const meter of meters) {
      expect(meter.kind).toBe(expected[byType.get(meter.id)!]);
      expect(meter.verifiedUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(meter.lastReading?.period).toBe('2026-10-31');
    }
    expect(meters.some((m) => m.kind === 'ELECTRICITY')).toBe(true);
    expect(meters.some((m) => m.verificationExpired && !m.remoteSubmission)).toBe(true);
  });

  it('maps the readings history, newest first', () => {
    const page = WireHistoryReply.parse(history).data;
    const readings = page.indications.map((i) => toReading(i, endpoint));
    expect(readings.map((r) => r.period)).toEqual(['2026-10-31', '2026-09-30', '2026-08-31']);
    expect(page.hasMore).toBe(true);
  });

  it('maps EPDs with amounts to exact kopecks, dates from the Russian form, and the misspelt insurance', () => {
    const list = WireEpdReply.parse(epdBatch).EpdList;
    const bills = list.flatMap((entry) => entry.Epd.map((e) => toBill(e, entry.PayerCode!, endpoint)));
    const raw = list.flatMap((entry) => entry.Epd);
    bills.forEach((bill, i) => {
      const wire = raw[i]!;
      expect(bill.period).toBe(wire.Period);
      expect(bill.createdOn.split('-').reverse().join('.')).toBe(wire.CreateDate);
      expect(bill.accrual / 100).toBeCloseTo(Number(wire.AccrualAmount), 2);
      expect(bill.insurance / 100).toBeCloseTo(Number(wire.InsuranceAmmount), 2);
      expect(Number.isSafeInteger(bill.accrual)).toBe(true);
    });
    expect(bills.some((b) => b.insurance > 0)).toBe(true);
    expect(bills.some((b) => b.status === 'NOT_PAID')).toBe(true);
  });

  it('converts rouble strings to kopecks without float error', () => {
    expect(roublesToKopecks('0.29', endpoint, 'x')).toBe(29);
    expect(roublesToKopecks('1234.5', endpoint, 'x')).toBe(123450);
    expect(roublesToKopecks('1234', endpoint, 'x')).toBe(123400);
    expect(roublesToKopecks('-12.05', endpoint, 'x')).toBe(-1205);
    expect(roublesToKopecks('4567,8', endpoint, 'x')).toBe(456780);
    expect(roublesToKopecks(1.15, endpoint, 'x')).toBe(115);
    expect(() => roublesToKopecks('12.345', endpoint, 'x')).toThrow(/Epd.x/);
    expect(() => roublesToKopecks('1e3', endpoint, 'x')).toThrow();
  });

  const counter = WireCountersReply.parse(counters).data[0]!.activeCounters[0]! as WireCounter;
  const epd = WireEpdReply.parse(epdBatch).EpdList[0]!.Epd[0]! as WireEpd;
  it.each([
    ['an unknown meter type', () => toMeter({ ...counter, typeName: 'Газ' }, '1', endpoint), 'typeName'],
    ["a reading period that is not the month's last day", () => toMeter({ ...counter, lastIndication: { period: '2026-10-15', indication: 1 } }, '1', endpoint), 'period'],
    ['an unknown verification status', () => toMeter({ ...counter, checkupStatus: 'MAYBE' }, '1', endpoint), 'checkupStatus'],
    ['a UIN failing its check digit', () => toBill({ ...epd, Uin: epd.Uin.slice(0, 19) + String((Number(epd.Uin[19]) + 1) % 10) }, '0000000000', endpoint), 'Uin'],
    ['an amount in another notation', () => toBill({ ...epd, AccrualAmount: '3 558,45 ₽' }, '0000000000', endpoint), 'AccrualAmount'],
    ['a period in the middle of a month', () => toBill({ ...epd, Period: '2026-05-15' }, '0000000000', endpoint), 'Period'],
  ])('refuses %s as LEGACY_BAD_RESPONSE naming the field', (_name, map, field) => {
    let caught: unknown;
    try {
      map();
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'housing' });
    expect((caught as Error).message).toContain(field);
  });
});

describe('housing mapper on the variants the real portal sends', () => {
  it('reads a flat the portal sends as a number, as ed.mos.ru does in getInfo', () => {
    const homes = parseWire(WireInfoReply, infoFlatNumber, 'housing', endpoint).data.addresses.map((a) => toHome(a, endpoint));
    expect(homes.map((h) => h.flat)).toEqual(['291', '260']);
    expect(homes.map((h) => h.payerCode)).toEqual(['0000101300', '0000101319']);
  });

  it('reads an EPD without PaymentAmount: nothing paid on a document not paid yet', () => {
    const [entry] = parseWire(WireEpdReply, epdWithoutPayment, 'housing', endpoint).EpdList;
    const bills = entry!.Epd.map((e) => toBill(e, '0000101300', endpoint));
    expect(bills.map((b) => [b.period, b.status, b.accrual, b.paid])).toEqual([
      ['2026-09-01', 'NOT_PAID', 366628, 0],
      ['2026-10-01', 'PAID', 465833, 465833],
    ]);
    // CreateDate is a wall-clock timestamp on the portal.
    expect(bills.map((b) => b.createdOn)).toEqual(['2026-10-03', '2026-11-04']);
  });
});

/** Captured from the live portal; see fixtures/captured/PROVENANCE.md. */
describe('housing mapper on ed.mos.ru answers captured from the live portal', () => {
  it('maps the captured getInfo: flats as numbers, the user object ignored, no address line', () => {
    const homes = parseWire(WireInfoReply, capturedInfo, 'housing', endpoint).data.addresses.map((a) => toHome(a, endpoint));
    expect(homes).toEqual([
      { payerCode: '1111111111', userPlaceId: '999001', address: '', flat: '5', registeredPersons: null },
      { payerCode: '1730249056', userPlaceId: '1152619', address: '', flat: '218', registeredPersons: null },
    ]);
  });

  it('maps the captured listByPayerCode: a plain-date verification, a float reading, a channel code', () => {
    const [entry] = parseWire(WireCountersReply, capturedCounters, 'housing', endpoint).data;
    expect(entry).toMatchObject({ userPlaceId: 1152619, fls: '1730249056', flat: '218' });
    const meters = entry!.activeCounters.map((c) => toMeter(c, '1152619', endpoint));
    expect(meters).toEqual([
      {
        id: '1158038',
        userPlaceId: '1152619',
        kind: 'COLD_WATER',
        serialNumber: '14-007378',
        verifiedUntil: '2032-07-16',
        verificationExpired: false,
        remoteSubmission: true,
        lastReading: { period: '2026-08-31', value: 483, source: 'mos.ru' },
      },
      {
        id: '1158039',
        userPlaceId: '1152619',
        kind: 'HOT_WATER',
        serialNumber: '14-087265',
        verifiedUntil: '2032-07-16',
        verificationExpired: false,
        // The portal may close transfer for a meter whose verification is fine.
        remoteSubmission: false,
        lastReading: { period: '2026-08-31', value: 279, source: 'mos.ru' },
      },
    ]);
  });
});

describe('housing mapper on each variant of a field', () => {
  const counter = WireCountersReply.parse(capturedCounters).data[0]!.activeCounters[0]!;
  const reading = (source: string | null | undefined, indication = 483) => toReading({ period: '2026-08-31', indication, source }, endpoint);

  it.each([
    ['a channel code the portal sends', '22', 'mos.ru'],
    ['a label, as older answers carry', 'МФЦ', 'МФЦ'],
    ['a code nobody has described', '97', null],
    ['an empty source', '', null],
    ['no source', undefined, null],
    ['a null source', null, null],
  ])("reads %s as the reading's source", (_name, source, label) => {
    expect(reading(source).source).toBe(label);
  });

  it('keeps a fractional reading as given', () => {
    expect(reading('22', 483.27).value).toBe(483.27);
  });

  it.each([
    ['a plain date', '2032-07-16'],
    ['a local midnight', '2032-07-16T00:00:00'],
  ])('reads the verification day given as %s', (_name, checkUpDate) => {
    expect(toMeter({ ...counter, checkUpDate }, '1', endpoint).verifiedUntil).toBe('2032-07-16');
  });

  it.each([
    ['a number', 218, '218'],
    ['a string', '218', '218'],
    ['a flat with a letter', '12А', '12А'],
    ['null', null, null],
    ['absent', undefined, null],
  ])('reads a flat given as %s', (_name, flat, expected) => {
    expect(toHome({ userPlaceId: 1, fls: '1730249056', flat, address: 'г. Москва' }, endpoint).flat).toBe(expected);
  });

  const epd = WireEpdReply.parse(epdBatch).EpdList[0]!.Epd[0]!;
  it.each([
    ['the Russian form', '05.06.2026', '2026-06-05'],
    ['a plain date', '2026-06-05', '2026-06-05'],
    ['a wall-clock timestamp', '2026-06-05T04:17:52.381', '2026-06-05'],
    ['a timestamp with an offset', '2026-06-04T22:30:00Z', '2026-06-05'],
  ])('reads CreateDate in %s', (_name, CreateDate, createdOn) => {
    expect(toBill({ ...epd, CreateDate }, '0000101300', endpoint).createdOn).toBe(createdOn);
  });

  it.each([
    ['a string', '3558.45', 355845],
    ['a number', 3558.45, 355845],
  ])('reads PaymentAmount given as %s', (_name, PaymentAmount, paid) => {
    expect(toBill({ ...epd, PaymentAmount }, '0000101300', endpoint).paid).toBe(paid);
  });

  it('takes a PAID document without PaymentAmount as paid in full, and a PaymentDate as nothing to read', () => {
    const { PaymentAmount: _left, ...withoutPayment } = epd;
    const bill = toBill(
      parseWire(WireEpdReply, { EpdList: [{ Epd: [{ ...withoutPayment, InsuranceAmmount: '99.38', PaymentDate: '2026-06-20' }] }] }, 'housing', endpoint).EpdList[0]!.Epd[0]!,
      '0000101300',
      endpoint,
    );
    expect(bill.paid).toBe(355845 + 9938);
  });
});
