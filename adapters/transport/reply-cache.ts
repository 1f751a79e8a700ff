import { createHash } from 'node:crypto';
import type { CacheStore } from '../../platform/cache';

/**
 * How long read-mostly data (a medical card's list, marks, bills, fines) is served from the
 * per-principal cache without asking the system again: a resident who re-opens the dashboard
 * within a minute costs the legacy systems almost nothing. Data the resident changes themselves
 * (appointments, meter readings, the parking balance) is never served this way.
 */
export const READ_MOSTLY_FRESH_MS = 60_000;

/**
 * An adapter's hint that a read's answer may be kept and stand in for the system when it fails
 * (stale-if-error): for read-mostly data only — a diary, a list of documents, reference data —
 * never for a balance, a booking or anything a resident just changed.
 */
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

/**
 * How an entry is stored: a version tag, when it was fetched, the status and the content type, one
 * per line, then the body as the system sent it. The body is not escaped into JSON again, which
 * had cost a serialisation and a parse of every cached reply.
 */
const FORMAT = 'r1';

function encode(at: number, status: number, contentType: string, body: string): string {
  return `${FORMAT}\n${at}\n${status}\n${contentType}\n${body}`;
}

function decode(text: string): CachedReply | undefined {
  const lines: string[] = [];
  let from = 0;
  for (let i = 0; i < 4; i++) {
    const end = text.indexOf('\n', from);
    if (end < 0) return undefined;
    lines.push(text.slice(from, end));
    from = end + 1;
  }
  const [format, at, status, contentType] = lines as [string, string, string, string];
  const cachedAt = Number(at);
  const code = Number(status);
  if (format !== FORMAT || !Number.isFinite(cachedAt) || !Number.isInteger(code)) return undefined;
  return { status: code, headers: contentType ? { 'content-type': contentType } : {}, body: text.slice(from), cachedAt };
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
    return text === undefined ? undefined : decode(text);
  }

  /**
   * The kept reply, if it is at most `maxAgeMs` old, and what `decodeReply` makes of it. An entry
   * that no longer decodes (the adapter changed since it was kept) is as good as absent.
   */
  async answer<T>(key: string, maxAgeMs: number, decodeReply: (reply: CachedReply) => T): Promise<{ value: T; reply: CachedReply } | undefined> {
    if (!(maxAgeMs > 0)) return undefined;
    const reply = await this.read(key);
    if (!reply || Date.now() - reply.cachedAt > maxAgeMs) return undefined;
    try {
      return { value: decodeReply(reply), reply };
    } catch {
      return undefined;
    }
  }

  async write(key: string, reply: { status: number; headers: Record<string, string | string[] | undefined>; body: string }, at: number, ttlMs: number): Promise<void> {
    const contentType = reply.headers['content-type'];
    // A header value cannot hold a line break, so the content type cannot end the header lines early.
    await this.store.set(key, encode(at, reply.status, typeof contentType === 'string' ? contentType : '', reply.body), ttlMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
