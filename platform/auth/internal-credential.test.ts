import { generateJwkKeyPair, InternalCredentialIssuer, InternalCredentialVerifier } from './index';

describe('internal credential', () => {
  it('carries a resident from the gateway to a subgraph', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'k1');
    const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });
    const verifier = await InternalCredentialVerifier.create(keys.publicJwk);
    const token = await issuer.credentialFor({ kind: 'resident', personId: '1042' });
    await expect(verifier.verify(token)).resolves.toEqual({ kind: 'resident', personId: '1042' });
    await expect(issuer.credentialFor({ kind: 'resident', personId: '1042' })).resolves.toBe(token);
  });

  it('refuses a credential signed by any other key, or tampered with', async () => {
    const gateway = await generateJwkKeyPair('EdDSA', 'gw');
    const attacker = await generateJwkKeyPair('EdDSA', 'gw');
    const verifier = await InternalCredentialVerifier.create(gateway.publicJwk);
    const forged = await (await InternalCredentialIssuer.create({ privateJwk: attacker.privateJwk })).credentialFor({ kind: 'resident', personId: '1' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const genuine = await (await InternalCredentialIssuer.create({ privateJwk: gateway.privateJwk })).credentialFor({ kind: 'resident', personId: '1' });
    const [header, , signature] = genuine.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ kind: 'resident', sub: '2', iss: 'resident-graph-gateway', aud: 'resident-graph-subgraphs', exp: 9999999999 })).toString('base64url');
    await expect(verifier.verify(`${header}.${otherPayload}.${signature}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify('not-a-jwt')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
