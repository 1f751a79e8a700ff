import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A signing key pair as JWKs, so it can be written to a file or an environment variable. */
export interface JwkKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateJwkKeyPair(alg: 'ES256' | 'EdDSA', kid: string): Promise<JwkKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  const meta = { kid, alg, use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...(await exportJWK(publicKey)), ...meta } };
}
