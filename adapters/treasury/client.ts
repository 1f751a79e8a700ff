import { LegacyTransport, parseWire, READ_MOSTLY_FRESH_MS } from '../transport';
import { TREASURY_SYSTEM, treasuryErrorOf } from './errors';
import { toTreasurySummary } from './mapper';
import type { TreasuryPort, TreasurySummary } from './port';
import { WireTreasurySummaryReply } from './wire';

const ENDPOINT = { summary: 'GET /api/v1/persons/:personId/summary' } as const;
/** The person ids the registry gives out; nothing else is put into a URL. */
const PERSON_ID = /^[1-9]\d{0,9}$/;

export interface TreasuryClientOptions {
  transport: LegacyTransport;
  /** The service token the treasury system issued to the graph. */
  serviceToken: string;
}

/** The treasury system over REST: one resident's account per call. */
export class TreasuryClient implements TreasuryPort {
  private readonly transport: LegacyTransport;
  private readonly headers: Record<string, string>;

  constructor(options: TreasuryClientOptions) {
    if (options.transport.system !== TREASURY_SYSTEM) throw new Error(`TreasuryClient needs a transport for "${TREASURY_SYSTEM}"`);
    this.transport = options.transport;
    this.headers = { authorization: `Bearer ${options.serviceToken}`, accept: 'application/json' };
  }

  async getSummary(personId: string): Promise<TreasurySummary | null> {
    // Not a person the registry knows: no one's account, and nothing to ask the system.
    if (!PERSON_ID.test(personId)) return null;
    return this.transport.call(
      {
        method: 'GET',
        path: `/api/v1/persons/${personId}/summary`,
        endpoint: ENDPOINT.summary,
        headers: this.headers,
        // Read-mostly: a repeat view within a minute is served from the per-principal cache, and an
        // outage is bridged by the last answer, marked stale. Decoded inside the call, so only a
        // real answer is kept.
        cache: { key: personId, freshMs: READ_MOSTLY_FRESH_MS, staleMs: READ_MOSTLY_FRESH_MS },
      },
      (reply) => {
        if (reply.status === 404) return null;
        if (reply.status !== 200) throw treasuryErrorOf(reply, ENDPOINT.summary);
        const body = parseWire(WireTreasurySummaryReply, this.transport.parseJson(reply, ENDPOINT.summary), TREASURY_SYSTEM, ENDPOINT.summary);
        return toTreasurySummary(body.summary, ENDPOINT.summary);
      },
    );
  }
}
