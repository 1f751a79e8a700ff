import { openDatabase } from '../storage';
import { type AuditEvent, type AuditQuery, type AuditTrail, SqlAuditTrail, type StoredAuditEvent } from './audit-trail';

/** Where the trail lives: PostgreSQL when a URL is given, otherwise the embedded database. */
export interface AuditStoreOptions {
  /** `DATABASE_URL`: PostgreSQL, shared by every replica of every service. */
  url?: string;
  /** The embedded database's directory; absent means in memory (development, tests). */
  dataDir?: string;
}

const open = new Map<string, { trail: Promise<SqlAuditTrail>; users: number }>();

/**
 * The audit trail at a location, opened on first use. Every service in one process that names
 * the same location shares one store, as services on several machines share one PostgreSQL: so
 * on one machine (npm start, the tests) the trail is one trail, whichever subgraph wrote a row.
 * Each `close()` releases one user; the last closes the database.
 */
export function openAuditTrail(options: AuditStoreOptions = {}): AuditTrail {
  const location = options.url ? `url:${options.url}` : options.dataDir ? `dir:${options.dataDir}` : 'memory';
  let closed = false;
  let entry: { trail: Promise<SqlAuditTrail>; users: number } | undefined;
  const acquire = (): Promise<SqlAuditTrail> => {
    if (closed) return Promise.reject(new Error('the audit trail is closed'));
    if (!entry) {
      entry = open.get(location);
      if (!entry) {
        const trail = openDatabase({ url: options.url, dataDir: options.dataDir }).then((db) => SqlAuditTrail.open(db));
        entry = { trail, users: 0 };
        open.set(location, entry);
        // A store that failed to open is not kept: the next write tries again.
        trail.catch(() => {
          if (open.get(location)?.trail === trail) open.delete(location);
          entry = undefined;
        });
      }
      entry.users++;
    }
    return entry.trail;
  };
  return {
    record: async (events: ReadonlyArray<AuditEvent>) => (events.length === 0 ? undefined : (await acquire()).record(events)),
    query: async (query: AuditQuery): Promise<StoredAuditEvent[]> => (await acquire()).query(query),
    close: async () => {
      if (closed) return;
      closed = true;
      if (!entry) return;
      const mine = entry;
      entry = undefined;
      if (--mine.users > 0) return;
      if (open.get(location) === mine) open.delete(location);
      await (await mine.trail.catch(() => undefined))?.close();
    },
  };
}
