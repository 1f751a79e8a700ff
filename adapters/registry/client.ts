import { inChunks, LegacyBadResponseError, LegacyNotFoundError, type LegacyReply, type LegacyTransport, parseWire, READ_MOSTLY_FRESH_MS } from '../transport';
import { toPersonRecord } from './mapper';
import type { PersonRecord, RegistryPort } from './port';
import { WireBatchReply, WireChildrenReply } from './wire';

const SYSTEM = 'registry';
/** The registry's batch call takes at most this many ids. */
const BATCH_LIMIT = 100;

const ENDPOINT = {
  batch: 'GET /api/profile/v1/persons',
  children: 'GET /api/profile/v1/persons/:personId/children',
} as const;

export interface RegistryClientOptions {
  transport: LegacyTransport;
  /** The service token the registry issued to the graph. */
  serviceToken: string;
}

/** The registry over REST: persons in batches of 100, children per person. */
export class RegistryClient implements RegistryPort {
  private readonly transport: LegacyTransport;
  private readonly headers: Record<string, string>;

  constructor(options: RegistryClientOptions) {
    if (options.transport.system !== SYSTEM) throw new Error(`RegistryClient needs a transport for "${SYSTEM}"`);
    this.transport = options.transport;
    this.headers = { authorization: `Bearer ${options.serviceToken}`, accept: 'application/json' };
  }

  async getPersons(ids: ReadonlyArray<string>): Promise<Map<string, PersonRecord>> {
    const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
    // Who a person is changes rarely: a resident re-opening the dashboard within a minute is served
    // from the per-principal cache. Decoded inside the call, so only a real answer is cached.
    const bodies = await inChunks(unique, BATCH_LIMIT, (chunk) =>
      this.transport.call(
        {
          method: 'GET',
          path: '/api/profile/v1/persons',
          endpoint: ENDPOINT.batch,
          query: { ids: chunk.join(',') },
          headers: this.headers,
          cache: { key: chunk.join(','), freshMs: READ_MOSTLY_FRESH_MS, staleMs: READ_MOSTLY_FRESH_MS },
        },
        (reply) => parseWire(WireBatchReply, this.json(reply, ENDPOINT.batch), SYSTEM, ENDPOINT.batch),
      ),
    );
    const persons = new Map<string, PersonRecord>();
    for (const body of bodies) {
      for (const wire of body.persons) persons.set(wire.id, toPersonRecord(wire, ENDPOINT.batch));
    }
    return persons;
  }

  async getChildren(personId: string): Promise<PersonRecord[]> {
    if (!/^\d+$/.test(personId)) throw new LegacyNotFoundError(SYSTEM, ENDPOINT.children);
    const body = await this.transport.call(
      {
        method: 'GET',
        path: `/api/profile/v1/persons/${personId}/children`,
        endpoint: ENDPOINT.children,
        headers: this.headers,
        // Guardianship changes by court order, not by the minute.
        cache: { key: personId, freshMs: READ_MOSTLY_FRESH_MS, staleMs: READ_MOSTLY_FRESH_MS },
      },
      (reply) => {
        if (reply.status === 404) throw new LegacyNotFoundError(SYSTEM, ENDPOINT.children);
        return parseWire(WireChildrenReply, this.json(reply, ENDPOINT.children), SYSTEM, ENDPOINT.children);
      },
    );
    return body.children.map((wire) => toPersonRecord(wire, ENDPOINT.children));
  }

  /** 2xx is the payload; any other status the registry did not promise is a bad response. */
  private json(reply: LegacyReply, endpoint: string): unknown {
    if (reply.status === 401) throw new LegacyBadResponseError(SYSTEM, endpoint, 'the registry refused our service token');
    if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
    return this.transport.parseJson(reply, endpoint);
  }
}
