/**
 * The simulators read time only through a Clock, so the rules that depend on the date (the
 * readings window, appointment slots, permit expiry) can be pinned to one instant in tests.
 */
import type { Clock } from '../../platform/time';

export { type Clock, systemClock } from '../../platform/time';

/** A clock that can be pinned and moved at run time (the admin endpoint `POST /__admin/clock`). */
export class AdjustableClock implements Clock {
  private fixed: Date | undefined;
  /** How far ahead of (or behind) real time a running clock is. */
  private offsetMs = 0;

  constructor(fixedAt?: Date) {
    this.fixed = fixedAt;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date(Date.now() + this.offsetMs);
  }

  /**
   * Runs the clock from `instant` onwards at real speed: "as if it were" that day, with time still
   * passing (queued work comes due, sessions expire), unlike a pinned clock.
   */
  static runningFrom(instant: Date): AdjustableClock {
    const clock = new AdjustableClock();
    clock.offsetMs = instant.getTime() - Date.now();
    return clock;
  }

  /** Pins the clock to an instant, or releases it to real time with `undefined`. */
  set(instant: Date | undefined): void {
    this.fixed = instant;
  }

  isFixed(): boolean {
    return this.fixed !== undefined;
  }
}
