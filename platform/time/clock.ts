/**
 * Where "now" comes from. Services read time through it so the date rules (the readings window,
 * a fine's discount day) can be judged on the same day as the simulators' pinned clock in tests.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
