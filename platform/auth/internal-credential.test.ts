import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { PURGE_STALE_EVERY_MS } from '../cache/purge-stale';
import { CREDENTIAL_CLOCK_SKEW_SECONDS, CREDENTIAL_TTL_SECONDS, credentialAudience, generateJwkKeyPair, InternalCredentialIssuer, InternalCredentialVerifier, type Principal } from './index';

describe('internal credential', () => {
  it('carries each kind of principal from the gateway to the subgraph it is addressed to', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });
    const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
    const principals: Principal[] = [
      { kind: 'resident', personId: '1042' },
      { kind: 'staff', subject: 'emias:doctor-7', scopes: ['health:read'], purpose: 'appointment 2026-11-21' },
      { kind: 'anonymous' },
    ];
    for (const principal of principals) {
      const token = await issuer.credentialFor(principal, 'health');
      await expect(verifier.verify(token, 'health')).resolves.toEqual(principal);
      await expect(issuer.credentialFor(principal, 'health')).resolves.toBe(token);
    }
  });

  it('is a compact JWS as jose signs it, and the issuer takes only an Ed25519 private key', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });
    const token = await issuer.credentialFor({ kind: 'resident', personId: '1042' }, 'health');
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(keys.publicJwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'k1' });
    expect(payload).toEqual({
      kind: 'resident',
      iss: 'resident-graph-gateway',
      aud: credentialAudience('health'),
      iat: expect.any(Number),
      exp: (payload.iat ?? 0) + CREDENTIAL_TTL_SECONDS,
      sub: '1042',
    });
    const es256 = await generateJwkKeyPair('ES256', 'k2');
    await expect(InternalCredentialIssuer.create({ privateJwk: es256.privateJwk })).rejects.toThrow(TypeError);
    await expect(InternalCredentialIssuer.create({ privateJwk: keys.publicJwk })).rejects.toThrow(TypeError);
  });

  it('refuses a credential addressed to another subgraph', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });
    const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
    const forParking = await issuer.credentialFor({ kind: 'resident', personId: '1042' }, 'parking');
    await expect(verifier.verify(forParking, 'health')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a credential signed by any other key, or tampered with', async () => {
    const gateway = await generateJwkKeyPair('EdDSA', 'gw');
    const attacker = await generateJwkKeyPair('EdDSA', 'gw');
    const verifier = await InternalCredentialVerifier.create(gateway.publicJwk);
    const forged = await (await InternalCredentialIssuer.create({ privateJwk: attacker.privateJwk })).credentialFor({ kind: 'resident', personId: '1' }, 'residents');
    await expect(verifier.verify(forged, 'residents')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const genuine = await (await InternalCredentialIssuer.create({ privateJwk: gateway.privateJwk })).credentialFor({ kind: 'resident', personId: '1' }, 'residents');
    const [header, , signature] = genuine.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ kind: 'resident', sub: '2', iss: 'resident-graph-gateway', aud: credentialAudience('residents'), exp: 9999999999 })).toString(
      'base64url',
    );
    await expect(verifier.verify(`${header}.${otherPayload}.${signature}`, 'residents')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify('not-a-jwt', 'residents')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a genuinely signed credential whose principal is malformed', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
    const key = await importJWK(keys.privateJwk, 'EdDSA');
    const sign = (claims: Record<string, unknown>, sub?: string) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('resident-graph-gateway')
        .setAudience(credentialAudience('health'))
        .setIssuedAt()
        .setExpirationTime('1m');
      if (sub) jwt.setSubject(sub);
      return jwt.sign(key);
    };
    for (const token of [
      await sign({ kind: 'staff', scp: ['health:read', 'root'], purpose: 'x' }, 'doc'),
      await sign({ kind: 'staff', scp: ['health:read'] }, 'doc'),
      await sign({ kind: 'resident' }, 'not-a-number'),
      await sign({ kind: 'admin' }, '1'),
    ]) {
      await expect(verifier.verify(token, 'health')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  describe("a life bounded by the issuer's", () => {
    const now = () => Math.floor(Date.now() / 1000);
    /** A credential for resident 1042 at `health`, signed with the gateway's own key, with the times given. */
    const signed = async (privateJwk: JWK, times: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({ kind: 'resident' })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('resident-graph-gateway')
        .setAudience(credentialAudience('health'))
        .setSubject('1042')
        .setExpirationTime(times.exp);
      if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
      return jwt.sign(await importJWK(privateJwk, 'EdDSA'));
    };

    it('refuses a genuinely signed credential that claims ten years, has no iat, or is issued in the future', async () => {
      const keys = await generateJwkKeyPair('EdDSA', 'k1');
      const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
      const t = now();
      for (const times of [{ iat: t, exp: t + 10 * 365 * 24 * 3600 }, { exp: t + 60 }, { iat: t + 3600, exp: t + 3600 + CREDENTIAL_TTL_SECONDS }, { iat: t - 200, exp: t + 60 }]) {
        await expect(verifier.verify(await signed(keys.privateJwk, times), 'health')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    });

    it("allows the issuer's lifetime plus the clock skew, and not a second more", async () => {
      const keys = await generateJwkKeyPair('EdDSA', 'k1');
      const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
      const t = now();
      const longest = CREDENTIAL_TTL_SECONDS + CREDENTIAL_CLOCK_SKEW_SECONDS;
      await expect(verifier.verify(await signed(keys.privateJwk, { iat: t, exp: t + longest }), 'health')).resolves.toEqual({ kind: 'resident', personId: '1042' });
      await expect(verifier.verify(await signed(keys.privateJwk, { iat: t, exp: t + longest + 1 }), 'health')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      // A host whose clock runs a few seconds ahead of the gateway's still takes its credentials.
      await expect(verifier.verify(await signed(keys.privateJwk, { iat: t + 5, exp: t + 5 + CREDENTIAL_TTL_SECONDS }), 'health')).resolves.toEqual({ kind: 'resident', personId: '1042' });
    });

    it('forgets a verified credential once it has expired, so the memory holds only live ones', async () => {
      const keys = await generateJwkKeyPair('EdDSA', 'k1');
      jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
        // Three credentials issued a second apart (the same claims in the same second sign to the same token).
        for (let i = 0; i < 3; i++) await verifier.verify(await signed(keys.privateJwk, { iat: now() - i, exp: now() - i + CREDENTIAL_TTL_SECONDS }), 'health');
        expect(verifier.remembered).toBe(3);
        // Expired entries go at the next purge of the cache.
        jest.advanceTimersByTime((CREDENTIAL_TTL_SECONDS + 1) * 1000 + PURGE_STALE_EVERY_MS);
        await verifier.verify(await signed(keys.privateJwk, { iat: now(), exp: now() + CREDENTIAL_TTL_SECONDS }), 'health');
        expect(verifier.remembered).toBe(1);
      } finally {
        jest.useRealTimers();
      }
    });

    it('remembers a credential while the gateway may present it again, and no longer', async () => {
      const keys = await generateJwkKeyPair('EdDSA', 'k1');
      jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
        const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });
        const resident: Principal = { kind: 'resident', personId: '1042' };
        const first = await issuer.credentialFor(resident, 'health');
        await verifier.verify(first, 'health');
        // The issuer hands out the same credential for the first half of its life, and the verifier holds it.
        jest.advanceTimersByTime((CREDENTIAL_TTL_SECONDS / 2 - 1) * 1000);
        expect(await issuer.credentialFor(resident, 'health')).toBe(first);
        expect(verifier.remembered).toBe(1);
        // Past that (and the clock skew) the issuer signs anew, and the old one is let go though still valid.
        jest.advanceTimersByTime((CREDENTIAL_CLOCK_SKEW_SECONDS + 2) * 1000 + PURGE_STALE_EVERY_MS);
        expect(await issuer.credentialFor(resident, 'health')).not.toBe(first);
        expect(verifier.remembered).toBe(0);
        await expect(verifier.verify(first, 'health')).resolves.toEqual(resident);
      } finally {
        jest.useRealTimers();
      }
    });

    it('takes what the issuer mints at its default lifetime, and a lifetime the verifier is told of', async () => {
      const keys = await generateJwkKeyPair('EdDSA', 'k1');
      const token = await (await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk })).credentialFor({ kind: 'resident', personId: '1042' }, 'health');
      await expect((await InternalCredentialVerifier.create(keys.publicJwk)).verify(token, 'health')).resolves.toEqual({ kind: 'resident', personId: '1042' });
      const hourly = await (await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk, ttlSeconds: 3600 })).credentialFor({ kind: 'resident', personId: '1042' }, 'health');
      await expect((await InternalCredentialVerifier.create(keys.publicJwk)).verify(hourly, 'health')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect((await InternalCredentialVerifier.create(keys.publicJwk, { maxLifetimeSeconds: 3600 })).verify(hourly, 'health')).resolves.toEqual({ kind: 'resident', personId: '1042' });
    });
  });
});
