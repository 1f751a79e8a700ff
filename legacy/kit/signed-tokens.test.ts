import { SignedTokens } from './signed-tokens';

describe('SignedTokens', () => {
  const issuedAt = new Date('2026-11-21T12:00:00+03:00');
  const later = (ms: number) => new Date(issuedAt.getTime() + ms);

  it('accepts its own token until it expires on the given clock, and within a grace after', async () => {
    const tokens = new SignedTokens('seed', 'emias-anonymous-jwt');
    const token = await tokens.issue(issuedAt, 60_000);
    expect(token.split('.')).toHaveLength(3);
    expect(await tokens.isValid(token, later(59_000))).toBe(true);
    expect(await tokens.isValid(token, later(61_000))).toBe(false);
    expect(await tokens.isValid(token, later(61_000), 5_000)).toBe(true);
    expect(await tokens.isValid(token, later(70_000), 5_000)).toBe(false);
  });

  it("accepts the tokens of another instance of the same city, and no one else's", async () => {
    const token = await new SignedTokens('seed', 'mesh-session').issue(issuedAt, 60_000);
    expect(await new SignedTokens('seed', 'mesh-session').isValid(token, issuedAt)).toBe(true);
    expect(await new SignedTokens('other-seed', 'mesh-session').isValid(token, issuedAt)).toBe(false);
    expect(await new SignedTokens('seed', 'emias-csrf').isValid(token, issuedAt)).toBe(false);
  });

  it('refuses forged, altered and malformed tokens', async () => {
    const tokens = new SignedTokens('seed', 'mesh-session');
    const token = await tokens.issue(issuedAt, 60_000);
    const [header, payload, signature] = token.split('.');
    const stretched = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: 9_999_999_999 })).toString('base64url');
    for (const bad of [`${header}.${stretched}.${signature}`, `${token}x`, 'not-a-token', '', 'a'.repeat(5_000)]) {
      expect(await tokens.isValid(bad, issuedAt)).toBe(false);
    }
  });
});
