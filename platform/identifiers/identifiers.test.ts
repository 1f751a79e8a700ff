import { isOpaqueKey, isValidSnils, isValidUin, maskSnils, normalizePlate, parsePlate, snilsCheckNumber, uinCheckDigit } from './index';

describe('SNILS', () => {
  it('accepts the documented valid number and refuses its neighbour', () => {
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('112-233-445 96')).toBe(false);
  });

  it('maps sums of 100 and 101 to 00 and larger sums mod 101', () => {
    // 9*0+...: pick bodies whose weighted sums are known
    expect(snilsCheckNumber('000000011')).toBe('03'); // 1*2 + 1*1
    expect(snilsCheckNumber('999999999')).toBe(String(405 % 101).padStart(2, '0'));
  });

  it('does not check numbers issued before the check existed', () => {
    expect(isValidSnils('001-001-998 00')).toBe(true);
    expect(isValidSnils('001-001-999 00')).toBe(false);
  });

  it('refuses what is not shaped like a SNILS', () => {
    expect(isValidSnils('112-233-445')).toBe(false);
    expect(isValidSnils('abc')).toBe(false);
  });

  it('masks all but the check number', () => {
    expect(maskSnils('112-233-445 95')).toBe('***-***-*** 95');
  });
});

describe('vehicle plates', () => {
  it('maps Latin look-alikes to Cyrillic and checks the pattern', () => {
    expect(normalizePlate('a 123 bc 77')).toBe('А123ВС77');
    expect(parsePlate('A123BC777')).toBe('А123ВС777');
  });

  it('refuses 000, foreign letters and short regions', () => {
    expect(parsePlate('А000ВС77')).toBeUndefined();
    expect(parsePlate('Б123ВС77')).toBeUndefined();
    expect(parsePlate('А123ВС7')).toBeUndefined();
  });
});

describe('fine UIN', () => {
  it('computes the 20-character check digit with the shifted second pass', () => {
    const body = '1881077190000123456';
    const uin = body + uinCheckDigit(body);
    expect(isValidUin(uin)).toBe(true);
    const wrong = body + String((Number(uinCheckDigit(body)) + 1) % 10);
    expect(isValidUin(wrong)).toBe(false);
  });

  it('accepts 25-digit UINs and refuses other lengths', () => {
    expect(isValidUin('0'.repeat(25))).toBe(true);
    expect(isValidUin('123')).toBe(false);
  });
});

describe('Moscow instants', () => {
  const { toMoscowInstant } = jest.requireActual<typeof import('../time')>('../time');

  it('read wall-clock times as Moscow time and convert other offsets', () => {
    expect(toMoscowInstant('2026-11-21T08:30:00')).toBe('2026-11-21T08:30:00+03:00');
    expect(toMoscowInstant('2026-11-21T08:30')).toBe('2026-11-21T08:30:00+03:00');
    expect(toMoscowInstant('2026-11-21T05:30:00.000Z')).toBe('2026-11-21T08:30:00+03:00');
    expect(toMoscowInstant('2026-11-21T23:30:00+00:00')).toBe('2026-11-22T02:30:00+03:00');
  });

  it('refuse what is not a real instant, and a missing offset when one is promised', () => {
    expect(toMoscowInstant('2026-02-30T10:00:00')).toBeUndefined();
    expect(toMoscowInstant('2026-11-21T25:00:00')).toBeUndefined();
    expect(toMoscowInstant('21.11.2026 10:00')).toBeUndefined();
    expect(toMoscowInstant('2026-11-21T10:00:00', { requireOffset: true })).toBeUndefined();
  });
});

describe('opaque ids and keys', () => {
  it('takes printable text of any script up to the bound', () => {
    for (const key of ['k', 'deliver-1', '7d1e6c0a-4f3b-4c1e-9a57-0c0ffee00001', 'показания ноябрь', 'polyclinic-12:doctor-7', 'a b', '€/№ 5', 'x'.repeat(100)]) {
      expect(isOpaqueKey(key, 100)).toBe(true);
    }
  });

  it('refuses empty, blank, too long, control and format characters, lone surrogates and unassigned code points', () => {
    for (const key of [
      '',
      '   ',
      'x'.repeat(101),
      'a\u0000b',
      'a\nb',
      'a\tb',
      'a\u007fb',
      'a\u0085b',
      'a\u202eb',
      'a\u200bb',
      'a\ud800b',
      '\udc00',
      'a\u{e0001}b',
      'a\u{10ffff}b',
      'a\u2028b',
    ]) {
      expect(isOpaqueKey(key, 100)).toBe(false);
    }
  });
});
