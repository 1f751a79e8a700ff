import type { Principal } from '../platform/auth';
import type { Logger } from '../platform/logging';

/** Per-request state of the gateway, built from the HTTP request before planning. */
export interface GatewayContext {
  principal: Principal;
  /** Sent to every subgraph and from there to every legacy call, and in every log line. */
  requestId: string;
  /** Epoch ms by which the whole answer must be ready; every hop below gets less. */
  deadline: number;
  logger: Logger;
}
