import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://sso.test';
const AUDIENCE = 'resident-graph';

describe('TokenVerifier remembering verified tokens', () => {
  let sign: (claims: { sub: string; expIn: number }) => Promise<string>;
  let verifier: TokenVerifier;
  const start = new Date('2026-11-21T12:00:00+03:00');

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    sign = ({ sub, expIn }) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expIn)
        .sign(privateKey);
    verifier = new TokenVerifier({ jwks: { keys: { keys: [jwk] } }, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 0 });
  });

  // Only the clock is faked: jose's signature checks run on real timers and promises.
  beforeEach(() =>
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate'] }),
  );
  afterEach(() => jest.useRealTimers());

  it('answers a remembered token with the same principal, and never past its expiry', async () => {
    const token = await sign({ sub: '1000001', expIn: 5 });
    await expect(verifier.verify(token)).resolves.toEqual({ kind: 'resident', personId: '1000001' });
    await expect(verifier.verify(token)).resolves.toEqual({ kind: 'resident', personId: '1000001' });
    jest.setSystemTime(new Date(start.getTime() + 6_000));
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('still refuses a tampered copy of a remembered token', async () => {
    const token = await sign({ sub: '1000002', expIn: 60 });
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '1000003' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
