import { inChunks, LegacyBadResponseError, type LegacyReply, type LegacyTransport, LegacyUnavailableError, parseWire, READ_MOSTLY_FRESH_MS, SOAP_CONTENT_TYPE } from '../transport';
import { finesFault } from './errors';
import { FINES_SYSTEM, toFinesByCertificate } from './fines-mapper';
import { WireChargesEnvelope } from './fines-wire';
import type { Fine, FinesPort } from './port';
import { getChargesRequest, readSoapDocument, soapFaultOf } from './soap-envelope';

/** The service takes at most this many certificates per request. */
const CERTIFICATES_PER_CALL = 50;
/** A registration certificate: two-character region, two-character series, six digits. */
const STS = /^[0-9А-ЯA-Z]{4}\d{6}$/;
const ENDPOINT = 'POST /gisgmp/ws GetCharges';
/** How long a car's fines may stand in when the service fails: charges change a few times a month. */
const FINES_STALE_MS = 15 * 60_000;

export interface FinesClientOptions {
  /** A transport for the system named `fines`. */
  transport: LegacyTransport;
  /** The token the fines service issued to the graph: the WS-Security UsernameToken password. */
  serviceToken: string;
  /** The UsernameToken user name; default `resident-graph`. */
  username?: string;
}

/** The fines service over SOAP 1.1: every car of a request in one GetCharges call. */
export class FinesClient implements FinesPort {
  private readonly transport: LegacyTransport;
  private readonly credentials: { username: string; password: string };

  constructor(options: FinesClientOptions) {
    if (options.transport.system !== FINES_SYSTEM) throw new Error(`FinesClient needs a transport for "${FINES_SYSTEM}"`);
    this.transport = options.transport;
    this.credentials = { username: options.username ?? 'resident-graph', password: options.serviceToken };
  }

  async getFines(certificates: ReadonlyArray<string>): Promise<Map<string, Fine[]>> {
    const fines = new Map<string, Fine[]>(certificates.map((sts) => [sts, []]));
    // A malformed certificate cannot have fines, and the service would fault the whole request for it.
    const valid = [...new Set(certificates)].filter((sts) => STS.test(sts));
    const answers = await inChunks(valid, CERTIFICATES_PER_CALL, (chunk) => this.getCharges(chunk));
    for (const answer of answers) for (const [sts, list] of answer) fines.set(sts, list);
    return fines;
  }

  private async getCharges(certificates: string[]): Promise<Map<string, Fine[]>> {
    return this.transport.call(
      {
        method: 'POST',
        path: '/gisgmp/ws',
        endpoint: ENDPOINT,
        headers: { 'content-type': SOAP_CONTENT_TYPE, soapaction: '"urn:GetCharges"', accept: 'text/xml' },
        body: getChargesRequest(certificates, this.credentials),
        passStatuses: [500],
        // GetCharges only reads: the SOAP POST may be sent twice.
        idempotent: true,
        cache: { key: certificates.join(','), freshMs: READ_MOSTLY_FRESH_MS, staleMs: FINES_STALE_MS },
      },
      // Inside the transport's policies, so a soap:Server fault is retried and counted like a 503.
      (reply) => toFinesByCertificate(parseWire(WireChargesEnvelope, this.document(reply), FINES_SYSTEM, ENDPOINT), certificates, ENDPOINT),
    );
  }

  /**
   * The reply's XML tree. A fault is an error whatever the status it came with (some SOAP stacks
   * send faults with 200), so a failing service can never look like a car without fines.
   */
  private document(reply: LegacyReply): unknown {
    if (reply.status === 401) throw new LegacyBadResponseError(FINES_SYSTEM, ENDPOINT, 'the fines service refused our service token');
    if (reply.status >= 500) {
      // SOAP sends its faults as 500; a 500 that is no SOAP fault (a proxy's error page) is an outage.
      const fault = faultIn(reply.body);
      throw fault ? finesFault(FINES_SYSTEM, ENDPOINT, reply.status, fault) : new LegacyUnavailableError(FINES_SYSTEM, ENDPOINT, reply.status);
    }
    const doc = readSoapDocument(reply.body, ENDPOINT);
    const fault = soapFaultOf(doc);
    if (fault) throw finesFault(FINES_SYSTEM, ENDPOINT, reply.status, fault);
    if (reply.status !== 200) throw new LegacyBadResponseError(FINES_SYSTEM, ENDPOINT, `unexpected HTTP ${reply.status}`);
    return doc;
  }
}

function faultIn(body: string): ReturnType<typeof soapFaultOf> {
  try {
    return soapFaultOf(readSoapDocument(body, ENDPOINT));
  } catch {
    return undefined;
  }
}
