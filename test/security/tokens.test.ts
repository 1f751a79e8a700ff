import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { RunningGateway } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { generateJwkKeyPair, type JwkKeyPair } from '../../platform/auth';
import { codes, gql } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

const ISSUER = 'https://sign-on.city.test';
const AUDIENCE = 'resident-graph';

/** A sign-on's JWKS endpoint whose keys the test rotates, counting how often it is fetched. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function sign(key: JwkKeyPair, claims: JWTPayload, options: { issuer?: string; audience?: string; expiresIn?: string; sub?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid!, typ: 'JWT' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(options.sub ?? '0')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(await importJWK(key.privateJwk, 'ES256'));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens verified against the sign-on's JWKS by URL: every refusal, and key rotation. */
describe('tokens from a sign-on published as a JWKS URL', () => {
  let secure: SecureSystem;
  let jwks: JwksServer;
  let gateway: RunningGateway;
  let keyA: JwkKeyPair;
  let person: Person;
  const me = (token: string) => gql(gateway.graphqlUrl, '{ me { id } }', { token });
  const residentToken = (key: JwkKeyPair, options: Parameters<typeof sign>[2] = {}) => sign(key, {}, { sub: String(person.id), ...options });

  beforeAll(async () => {
    secure = await startSecureSystem();
    person = demoResidents(secure.system.population).find((d) => d.key === 'pensioner')!.person;
    jwks = new JwksServer();
    await jwks.start();
    keyA = await generateJwkKeyPair('ES256', 'key-a');
    jwks.keys = [keyA.publicJwk];
    // No cooldown here, so a rotation is picked up at the first token with the new key id.
    gateway = await secure.startGateway({ auth: { jwks: { url: jwks.url, cooldownMs: 0 }, issuer: ISSUER, audience: AUDIENCE } });
  });
  afterAll(async () => {
    await secure.close();
    await jwks.close();
  });
  beforeEach(() => resetLegacyStats(secure.system));

  it("accepts a resident's token and a staff member's", async () => {
    const reply = await me(await residentToken(keyA));
    expect(reply.json?.data).toEqual({ me: { id: String(person.id) } });
    const staff = await sign(keyA, { scope: 'openid health:read', purpose: 'appointment' }, { sub: 'polyclinic-12:doctor-7' });
    const read = await gql(gateway.graphqlUrl, `{ resident(id: "${person.id}") { id appointments { id } } }`, { token: staff });
    expect(codes(read)).toEqual([]);
  });

  describe('refuses with UNAUTHENTICATED (401) and no legacy call', () => {
    afterEach(() => expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS));

    const refused = async (token: string) => {
      const reply = await me(token);
      expect(reply.status).toBe(401);
      expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
    };

    it('a key the JWKS does not hold', async () => refused(await residentToken(await generateJwkKeyPair('ES256', 'key-unknown'))));
    it('an expired token', async () => refused(await sign(keyA, { exp: Math.floor(Date.now() / 1000) - 120 }, { sub: String(person.id), expiresIn: '-2m' })));
    it('a wrong issuer', async () => refused(await residentToken(keyA, { issuer: 'https://evil.test' })));
    it('a wrong audience', async () => refused(await residentToken(keyA, { audience: 'another-api' })));
    it('alg: none', async () => refused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: String(person.id), iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })}.`));
    it('a tampered payload under a genuine signature', async () => {
      const [header, , signature] = (await residentToken(keyA)).split('.');
      const victim = demoResidents(secure.system.population).find((d) => d.key === 'family')!.person;
      await refused(`${header}.${b64({ sub: String(victim.id), iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })}.${signature}`);
    });
    it('HS256 signed with the public key as the secret (algorithm confusion)', async () => {
      const head = b64({ alg: 'HS256', kid: 'key-a', typ: 'JWT' });
      const body = b64({ sub: String(person.id), iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 });
      const mac = createHmac('sha256', JSON.stringify(keyA.publicJwk)).update(`${head}.${body}`).digest('base64url');
      await refused(`${head}.${body}.${mac}`);
    });
    it('a staff token without a purpose', async () => refused(await sign(keyA, { scope: 'health:read' }, { sub: 'polyclinic-12:doctor-7' })));
    it('a resident token whose subject is no person id', async () => refused(await residentToken(keyA, { sub: 'admin' })));
    it('a header that is not a bearer token', async () => {
      const reply = await gql(gateway.graphqlUrl, '{ me { id } }', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(reply.status).toBe(401);
    });
  });

  it('follows a key rotation: a new kid is fetched, the retired key is refused', async () => {
    const before = jwks.fetches;
    const keyB = await generateJwkKeyPair('ES256', 'key-b');
    jwks.keys = [keyB.publicJwk];
    const withB = await me(await residentToken(keyB));
    expect(withB.json?.data).toEqual({ me: { id: String(person.id) } });
    expect(jwks.fetches).toBe(before + 1);
    const withA = await me(await residentToken(keyA));
    expect(withA.status).toBe(401);
    // Known keys are served from the cache: no fetch per request.
    await me(await residentToken(keyB));
    expect(jwks.fetches).toBe(before + 2);
  });

  it('does not let made-up key ids hammer the sign-on: one fetch per cooldown', async () => {
    const guarded = await secure.startGateway({ auth: { jwks: { url: jwks.url, cooldownMs: 60_000 }, issuer: ISSUER, audience: AUDIENCE } });
    const keyB = await generateJwkKeyPair('ES256', 'key-b2');
    jwks.keys = [keyB.publicJwk];
    const before = jwks.fetches;
    expect((await gql(guarded.graphqlUrl, '{ me { id } }', { token: await residentToken(keyB) })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const reply = await gql(guarded.graphqlUrl, '{ me { id } }', { token: await residentToken(await generateJwkKeyPair('ES256', `made-up-${i}`)) });
      expect(reply.status).toBe(401);
    }
    expect(jwks.fetches).toBe(before + 1);
  });
});
