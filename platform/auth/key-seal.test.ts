import { createHmac } from 'node:crypto';
import { KeySeal, SealRefusedError } from './key-seal';

describe('key seal', () => {
  const seal = KeySeal.fromSecret(KeySeal.generateSecret());
  const keys = { omsNumber: '7700000000001244', birthDate: '1975-01-29' };
  const now = Date.parse('2026-11-21T09:00:00Z');
  const sealed = seal.seal({ subject: '1244', audience: 'health', keys, now });
  const refusal = (fn: () => unknown): SealRefusedError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof SealRefusedError) return error;
      throw error;
    }
    throw new Error('the seal was accepted');
  };

  it('opens for the person and subgraph it was made for, until it expires', () => {
    expect(seal.open(sealed, { subject: '1244', audience: 'health', now })).toEqual(keys);
    expect(seal.open(sealed, { subject: '1244', audience: 'health', now: now + 119_000 })).toEqual(keys);
    expect(refusal(() => seal.open(sealed, { subject: '1244', audience: 'health', now: now + 120_000 }))).toMatchObject({ reason: 'expired', sealedSubject: '1244' });
  });

  it('names the sealed person when a genuine seal is refused for another person or subgraph', () => {
    expect(refusal(() => seal.open(sealed, { subject: '1014', audience: 'health', now }))).toMatchObject({ reason: 'other-person', sealedSubject: '1244' });
    expect(refusal(() => seal.open(sealed, { subject: '1244', audience: 'parking', now }))).toMatchObject({ reason: 'other-audience', sealedSubject: '1244' });
  });

  it('refuses a missing, malformed, tampered or foreign seal without naming anyone', () => {
    const [body, mac] = sealed.split('.') as [string, string];
    const otherBody = Buffer.from(Buffer.from(body, 'base64url').toString().replace('"1244"', '"1014"')).toString('base64url');
    const foreign = KeySeal.fromSecret(KeySeal.generateSecret()).seal({ subject: '1244', audience: 'health', keys, now });
    const cases: Array<[unknown, string]> = [
      [undefined, 'missing'],
      [null, 'missing'],
      [42, 'malformed'],
      [{ omsNumber: keys.omsNumber }, 'malformed'],
      ['7700000000001244', 'malformed'],
      [`${body}.${mac}x`, 'malformed'],
      [`${'A'.repeat(9000)}.${mac}`, 'malformed'],
      [`${otherBody}.${mac}`, 'bad-mac'],
      [foreign, 'bad-mac'],
    ];
    for (const [token, reason] of cases) {
      const error = refusal(() => seal.open(token, { subject: '1244', audience: 'health', now }));
      expect([error.reason, error.sealedSubject]).toEqual([reason, undefined]);
      expect(error.message).not.toContain(keys.omsNumber);
    }
  });

  it('refuses a genuine MAC over a payload that is not a seal', () => {
    const secret = KeySeal.generateSecret();
    const own = KeySeal.fromSecret(secret);
    const body = Buffer.from(JSON.stringify({ v: 1, sub: 'x', aud: 'health', exp: 9_999_999_999, keys })).toString('base64url');
    const mac = createHmac('sha256', Buffer.from(secret, 'base64url')).update(body).digest('base64url');
    expect(refusal(() => own.open(`${body}.${mac}`, { subject: 'x', audience: 'health', now }))).toMatchObject({ reason: 'malformed' });
  });

  it('takes only a secret of at least 32 bytes in base64url', () => {
    expect(() => KeySeal.fromSecret(Buffer.alloc(31, 1).toString('base64url'))).toThrow(/at least 32 bytes/);
    expect(() => KeySeal.fromSecret('not base64url!')).toThrow(/at least 32 bytes/);
    expect(KeySeal.isValidSecret(KeySeal.generateSecret())).toBe(true);
  });
});
