import { createHash } from 'node:crypto';
import type { CacheStore } from '../../platform/cache';

/**
 * An adapter's hint that a read's answer may be kept and stand in for the system when it fails
 * (stale-if-error): for read-mostly data only — a diary, a list of documents, reference data —
 * never for a balance, a booking or anything a resident just changed.
 */
/**
 * How long read-mostly data (a medical card's list, marks, bills, fines) is served from the
 * per-principal cache without asking the system again: a resident who re-opens the dashboard
 * within a minute costs the legacy systems almost nothing. Data the resident changes themselves
 * (appointments, meter readings, the parking balance) is never served this way.
 */
export const READ_MOSTLY_FRESH_MS = 60_000;

export interface CacheHint {
  /**
   * What tells this endpoint's answers apart: the ids, dates and pages asked for. The transport
   * adds the system, the endpoint and the principal from the request scope, then hashes it all,
   * so keys never carry personal data and one principal never reaches another's entry.
   */
  key: string;
  /**
   * How long an answer is served from the cache without asking the system, in ms. 0 (the
   * default) asks every time and uses the cache only when the system fails.
   */
  freshMs?: number;
  /** How long after it was fetched an answer may stand in for a failing system, in ms. */
  staleMs: number;
  /**
   * The answer is the same for everyone (reference data with no personal data in it): cached
   * without a principal, and shared by all. Default false: cached only inside a request scope
   * that names its principal.
   */
  shared?: boolean;
}

/** A reply as it comes out of the cache: `cachedAt` says when the system gave it. */
export interface CachedReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  cachedAt: number;
}

interface Stored {
  at: number;
  status: number;
  contentType?: string;
  body: string;
}

/** Stale-if-error copies of one system's replies over a `CacheStore`. */
export class ReplyCache {
  constructor(
    private readonly store: CacheStore,
    private readonly system: string,
  ) {}

  /** The entry's key, or `undefined` when the answer must not be cached (personal data and no principal). */
  keyFor(endpoint: string, hint: CacheHint, principalKey: string | undefined): string | undefined {
    if (!hint.shared && !principalKey) return undefined;
    const digest = createHash('sha256')
      .update(JSON.stringify([this.system, endpoint, hint.shared ? '*' : principalKey, hint.key]))
      .digest('base64url');
    return `stale:${this.system}:${digest}`;
  }

  async read(key: string): Promise<CachedReply | undefined> {
    const text = await this.store.get(key);
    if (text === undefined) return undefined;
    try {
      const stored = JSON.parse(text) as Stored;
      if (typeof stored.at !== 'number' || typeof stored.status !== 'number' || typeof stored.body !== 'string') return undefined;
      return { status: stored.status, headers: stored.contentType ? { 'content-type': stored.contentType } : {}, body: stored.body, cachedAt: stored.at };
    } catch {
      return undefined;
    }
  }

  async write(key: string, reply: { status: number; headers: Record<string, string | string[] | undefined>; body: string }, at: number, ttlMs: number): Promise<void> {
    const contentType = reply.headers['content-type'];
    const stored: Stored = { at, status: reply.status, body: reply.body, ...(typeof contentType === 'string' ? { contentType } : {}) };
    await this.store.set(key, JSON.stringify(stored), ttlMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
