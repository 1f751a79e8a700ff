/**
 * The simulators read time only through a Clock, so the rules that depend on the date (the
 * readings window, appointment slots, permit expiry) can be pinned to one instant in tests.
 */
import type { Clock } from '../../platform/time';

export { systemClock, type Clock } from '../../platform/time';

/** A clock that can be pinned and moved at run time (the admin endpoint `POST /__admin/clock`). */
export class AdjustableClock implements Clock {
  private fixed: Date | undefined;

  constructor(fixedAt?: Date) {
    this.fixed = fixedAt;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Pins the clock to an instant, or releases it to real time with `undefined`. */
  set(instant: Date | undefined): void {
    this.fixed = instant;
  }

  isFixed(): boolean {
    return this.fixed !== undefined;
  }
}
