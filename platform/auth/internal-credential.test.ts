import { SignJWT, importJWK } from 'jose';
import { credentialAudience, generateJwkKeyPair, InternalCredentialIssuer, InternalCredentialVerifier, type Principal } from './index';

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
    const otherPayload = Buffer.from(JSON.stringify({ kind: 'resident', sub: '2', iss: 'resident-graph-gateway', aud: credentialAudience('residents'), exp: 9999999999 })).toString('base64url');
    await expect(verifier.verify(`${header}.${otherPayload}.${signature}`, 'residents')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify('not-a-jwt', 'residents')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a genuinely signed credential whose principal is malformed', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
    const key = await importJWK(keys.privateJwk, 'EdDSA');
    const sign = (claims: Record<string, unknown>, sub?: string) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('resident-graph-gateway').setAudience(credentialAudience('health')).setExpirationTime('1m');
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
});
