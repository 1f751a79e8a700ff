import type { Logger } from 'pino';
import type { TransportEvent, TransportEventListener } from './transport-events';

/**
 * Where one transport's policies report to: its events (for metrics) and its log. Shared by the
 * policies of one transport, so each names the system the same way and a listener is guarded once.
 */
export class Reporter {
  constructor(
    /** The system's short name, on every event, log line and error. */
    readonly system: string,
    readonly logger: Logger | undefined,
    private readonly listener: TransportEventListener | undefined,
  ) {}

  /** Tells the listener, if any; what it throws is dropped, since a metrics listener must never break a call. */
  emit(event: TransportEvent): void {
    if (!this.listener) return;
    try {
      this.listener(event);
    } catch {
      // See above.
    }
  }
}
