import { toMoscowInstant } from '../../platform/time';
import { type LegacyReply, type LegacyTransport, parseWire, type RenewingSession, SessionRefusedError } from '../transport';
import { AMPP_SYSTEM } from './ampp-mapper';
import { amppFailure } from './errors';
import { amppSession } from './session';
import { toTopUpLimits, toTopUpReceipt } from './topup-mapper';
import type { AccountTopUp, AmppTopUpPort, TopUpLimits, TopUpReceipt } from './topup-port';
import { WireTopUpLimits, WireTopUpReply } from './topup-wire';

const ENDPOINT = {
  limits: 'GET /api/2.40/accounts/topup/limits',
  topUp: 'POST /api/2.40/accounts/topup',
} as const;
const ACCOUNT_ID = /^\d{10}$/;
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface AmppTopUpClientOptions {
  /** A transport for the system named `parking`. */
  transport: LegacyTransport;
  /** The token AMPP issued to the graph; it only opens the session. */
  serviceToken: string;
}

/** AMPP top-ups *(designed endpoints, in AMPP's JSON style)*, in the integration's cookie session. */
export class AmppTopUpClient implements AmppTopUpPort {
  private readonly transport: LegacyTransport;
  private readonly session: RenewingSession;

  constructor(options: AmppTopUpClientOptions) {
    if (options.transport.system !== AMPP_SYSTEM) throw new Error(`AmppTopUpClient needs a transport for "${AMPP_SYSTEM}"`);
    if (!options.serviceToken) throw new Error('AmppTopUpClient needs a service token');
    this.transport = options.transport;
    this.session = amppSession(options.transport, options.serviceToken);
  }

  async getTopUpLimits(accountId: string): Promise<TopUpLimits> {
    if (!ACCOUNT_ID.test(accountId)) throw new RangeError('accountId must be 10 digits');
    return this.session.run((carrier) =>
      this.transport.call(
        { method: 'GET', path: '/api/2.40/accounts/topup/limits', endpoint: ENDPOINT.limits, query: { accountId }, headers: { ...carrier, accept: 'application/json' } },
        (reply) => toTopUpLimits(parseWire(WireTopUpLimits, this.payload(reply, ENDPOINT.limits), AMPP_SYSTEM, ENDPOINT.limits), ENDPOINT.limits),
      ),
    );
  }

  async topUp(topUp: AccountTopUp): Promise<TopUpReceipt> {
    if (!ACCOUNT_ID.test(topUp.accountId)) throw new RangeError('accountId must be 10 digits');
    if (!PAYMENT_ID.test(topUp.paymentId)) throw new RangeError('paymentId must be 1..64 letters, digits and dashes');
    if (!Number.isSafeInteger(topUp.amountKopecks) || topUp.amountKopecks <= 0) throw new RangeError('amountKopecks must be whole kopecks above zero');
    if (!toMoscowInstant(topUp.paidAt, { requireOffset: true })) throw new RangeError('paidAt must be ISO-8601 with an offset');
    const body = JSON.stringify({ accountId: topUp.accountId, amount: topUp.amountKopecks, paymentId: topUp.paymentId, paymentDate: topUp.paidAt });
    // Sent again only after AMPP refused the session it carried (401): a refused session means AMPP did not act.
    return this.session.run(async (carrier) => {
      const reply = await this.transport.call({
        method: 'POST',
        path: '/api/2.40/accounts/topup',
        endpoint: ENDPOINT.topUp,
        headers: { ...carrier, 'content-type': 'application/json', accept: 'application/json' },
        body,
        idempotent: false,
      });
      return toTopUpReceipt(parseWire(WireTopUpReply, this.payload(reply, ENDPOINT.topUp), AMPP_SYSTEM, ENDPOINT.topUp), topUp, ENDPOINT.topUp);
    });
  }

  /** The JSON of a 2xx that is the payload; AMPP's error shape, a refused session, anything else as its typed error. */
  private payload(reply: LegacyReply, endpoint: string): unknown {
    if (reply.status === 401) throw new SessionRefusedError(AMPP_SYSTEM, endpoint);
    const json = this.transport.parseJson(reply, endpoint);
    if (reply.status === 200 && typeof json === 'object' && json !== null && !('errorCode' in json)) return json;
    throw amppFailure(AMPP_SYSTEM, endpoint, reply.status, json);
  }
}
