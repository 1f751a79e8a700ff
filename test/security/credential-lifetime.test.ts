import { importJWK, SignJWT } from 'jose';
import { CREDENTIAL_TTL_SECONDS, credentialAudience, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer } from '../../platform/auth';
import { SUBGRAPH_NAMES } from '../../schema';
import { codes, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

const YEAR = 365 * 24 * 3600;

/**
 * Internal credentials signed with the gateway's real key, as someone who got hold of that key
 * (or a tool left signing with it) would mint them: a life longer than the gateway gives, no issue
 * time, an issue time in the future. Every subgraph refuses each with 401 before any legacy call.
 */
describe('an internal credential lives no longer than the gateway gives it', () => {
  let secure: SecureSystem;
  const now = () => Math.floor(Date.now() / 1000);

  /** A resident's credential for `subgraph`, signed with the gateway's own internal key. */
  const mint = async (subgraph: string, times: { iat?: number; exp: number }): Promise<string> => {
    const jwt = new SignJWT({ kind: 'resident' })
      .setProtectedHeader({ alg: 'EdDSA', ...(secure.keys.internal.privateJwk.kid ? { kid: secure.keys.internal.privateJwk.kid } : {}) })
      .setIssuer('resident-graph-gateway')
      .setAudience(credentialAudience(subgraph))
      .setSubject('1244')
      .setExpirationTime(times.exp);
    if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
    return jwt.sign(await importJWK(secure.keys.internal.privateJwk, 'EdDSA'));
  };
  const call = (subgraph: (typeof SUBGRAPH_NAMES)[number], credential: string) =>
    send(`${secure.system.subgraphs[subgraph].url}/graphql`, {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: credential },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  beforeAll(async () => {
    secure = await startSecureSystem();
  });
  afterAll(() => secure.close());
  beforeEach(() => resetLegacyStats(secure.system));
  afterEach(() => expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS));

  it.each(SUBGRAPH_NAMES)('%s: a ten-year credential, one with no iat and one issued in the future get 401', async (subgraph) => {
    const t = now();
    const minted = {
      'ten years': await mint(subgraph, { iat: t, exp: t + 10 * YEAR }),
      'an hour': await mint(subgraph, { iat: t, exp: t + 3600 }),
      'no iat': await mint(subgraph, { exp: t + 60 }),
      'issued in an hour': await mint(subgraph, { iat: t + 3600, exp: t + 3600 + CREDENTIAL_TTL_SECONDS }),
    };
    for (const [what, credential] of Object.entries(minted)) {
      const reply = await call(subgraph, credential);
      expect({ what, status: reply.status, codes: codes(reply) }).toEqual({ what, status: 401, codes: ['UNAUTHENTICATED'] });
    }
  });

  it.each(SUBGRAPH_NAMES)('%s: the credential the gateway mints is taken', async (subgraph) => {
    const issuer = await InternalCredentialIssuer.create({ privateJwk: secure.keys.internal.privateJwk });
    const reply = await call(subgraph, await issuer.credentialFor({ kind: 'resident', personId: '1244' }, subgraph));
    expect(reply.status).toBe(200);
    expect(reply.json?.data).toEqual({ __typename: 'Query' });
  });
});
