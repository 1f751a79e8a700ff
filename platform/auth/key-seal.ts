import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { PERSON_ID } from './principal';

/**
 * The registry's seal on the keys it hands out into the other legacy systems (an OMS number and
 * birth date for EMIAS, a MESH id, payer codes, vehicles and a parking account). A representation
 * travels through the gateway and can be replayed at a subgraph by anyone holding a captured
 * internal credential, so a key in it proves nothing by itself; a sealed key proves that the
 * registry gave it out, for this person, to this subgraph, a moment ago.
 *
 * Format: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part))`, the payload
 * being `{ v: 1, sub: personId, aud: subgraph, exp: epochSeconds, keys }`. An HMAC rather than a
 * signature: a dashboard opens about 25 seals, and an HMAC costs a few microseconds where an
 * Ed25519 verification costs about a hundred. The secret is shared by the residents subgraph,
 * which seals, and the subgraphs that open.
 */

/** Seals live as long as an internal credential: they are made and used within one request. */
export const KEY_SEAL_TTL_SECONDS = 120;
/** The shortest secret accepted: 256 bits, the HMAC's own strength. */
export const KEY_SEAL_MIN_SECRET_BYTES = 32;
/** Far more than any person's keys need (a few hundred bytes); a longer value is refused unread. */
const MAX_SEAL_LENGTH = 8_192;
const MAC_LENGTH = 32;
const SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/** Why a seal was not accepted. Only `missing`, `malformed` and `bad-mac` leave the seal's person unknown. */
export type SealRefusal = 'missing' | 'malformed' | 'bad-mac' | 'other-audience' | 'other-person' | 'expired';

export class SealRefusedError extends Error {
  constructor(
    readonly reason: SealRefusal,
    /** The person a genuine seal names (its MAC held), for the audit trail; undefined when the seal is not genuine. */
    readonly sealedSubject?: string,
  ) {
    super(`the sealed keys were refused: ${reason}`);
    this.name = 'SealRefusedError';
  }
}

interface SealPayload {
  v: 1;
  sub: string;
  aud: string;
  exp: number;
  keys: unknown;
}

/** What a seal must name to be opened. */
export interface SealExpectation {
  /** The person the representation names. */
  subject: string;
  /** The subgraph opening it. */
  audience: string;
  /** Epoch ms; real time by default. */
  now?: number;
}

/** Seals and opens keys with one secret. Holds no per-seal state: nothing one caller opens is remembered for another. */
export class KeySeal {
  private constructor(private readonly key: KeyObject) {}

  /** `secret` is base64url of at least 32 random bytes (`KEY_SEAL_SECRET`). */
  static fromSecret(secret: string): KeySeal {
    const bytes = decodeSecret(secret);
    if (!bytes) throw new Error(`a key seal secret is base64url of at least ${KEY_SEAL_MIN_SECRET_BYTES} bytes`);
    return new KeySeal(createSecretKey(bytes));
  }

  /** A fresh secret of 32 random bytes, base64url. */
  static generateSecret(): string {
    return randomBytes(KEY_SEAL_MIN_SECRET_BYTES).toString('base64url');
  }

  /** Whether `secret` is one `fromSecret` accepts. */
  static isValidSecret(secret: string): boolean {
    return decodeSecret(secret) !== undefined;
  }

  /** Seals `keys` for the person `subject`, to be opened only by the subgraph `audience`. */
  seal(options: { subject: string; audience: string; keys: unknown; now?: number; ttlSeconds?: number }): string {
    const now = options.now ?? Date.now();
    const payload: SealPayload = {
      v: 1,
      sub: options.subject,
      aud: options.audience,
      exp: Math.floor(now / 1000) + (options.ttlSeconds ?? KEY_SEAL_TTL_SECONDS),
      keys: options.keys,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /**
   * The keys sealed in `token` when it is genuine, names `expected.subject` and `expected.audience`,
   * and has not expired; SealRefusedError otherwise. The keys' shape is the caller's to check.
   */
  open(token: unknown, expected: SealExpectation): unknown {
    if (token === undefined || token === null) throw new SealRefusedError('missing');
    if (typeof token !== 'string' || token.length > MAX_SEAL_LENGTH || !SHAPE.test(token)) throw new SealRefusedError('malformed');
    const dot = token.indexOf('.');
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const wanted = this.mac(body);
    if (given.length !== MAC_LENGTH || !timingSafeEqual(given, wanted)) throw new SealRefusedError('bad-mac');
    const payload = parsePayload(body);
    // Only our own residents subgraph could have written a payload with a valid MAC; one that does
    // not parse is a version mismatch, refused like any other.
    if (!payload) throw new SealRefusedError('malformed');
    if (payload.aud !== expected.audience) throw new SealRefusedError('other-audience', payload.sub);
    if (payload.sub !== expected.subject) throw new SealRefusedError('other-person', payload.sub);
    if ((expected.now ?? Date.now()) >= payload.exp * 1000) throw new SealRefusedError('expired', payload.sub);
    return payload.keys;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function decodeSecret(secret: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(secret)) return undefined;
  const bytes = Buffer.from(secret, 'base64url');
  return bytes.length >= KEY_SEAL_MIN_SECRET_BYTES ? bytes : undefined;
}

function parsePayload(body: string): SealPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, sub, aud, exp, keys } = value as Record<string, unknown>;
  if (v !== 1 || typeof sub !== 'string' || !PERSON_ID.test(sub) || typeof aud !== 'string' || typeof exp !== 'number' || !Number.isInteger(exp) || keys === undefined) return undefined;
  return { v, sub, aud, exp, keys };
}
