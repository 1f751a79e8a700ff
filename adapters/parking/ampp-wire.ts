import { z } from 'zod';

/** AMPP's JSON payloads, exactly as it sends them: localised strings as `{ ru }`, money in kopecks. */
const Localized = z.object({ ru: z.string() });

export const WireParking = z.object({
  id: z.number().optional(),
  name: Localized,
  address: z.object({ street: Localized, house: Localized.optional() }).nullable().optional(),
  zone: z.object({
    number: z.string(),
    // Not in the public payload: our simulator adds it *(designed)*.
    tariff: z.object({ hourly: z.number() }).optional(),
  }),
  congestion: z.object({
    spaces: z.object({
      overall: z.object({ total: z.number(), free: z.number() }),
      /** Spaces for disabled drivers, as occupancy clients read them; the graph does not show them yet. */
      handicapped: z.object({ total: z.number(), free: z.number() }).optional(),
    }),
  }),
});
export type WireParking = z.infer<typeof WireParking>;
export const WireParkingReply = z.object({ parking: WireParking });

export const WireBalanceReply = z.object({ balance: z.number() });

export const WirePermit = z.object({
  id: z.string(),
  plate: z.string(),
  zone: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.string(),
});
export type WirePermit = z.infer<typeof WirePermit>;
export const WirePermitsReply = z.object({ permits: z.array(WirePermit) });

/** Times are Moscow wall-clock with no offset (`2026-11-21T12:00:00`). */
export const WireSession = z.object({
  id: z.string(),
  accountId: z.string(),
  plate: z.string(),
  zone: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  cost: z.number(),
  status: z.string(),
});
export type WireSession = z.infer<typeof WireSession>;
export const WireSessionsReply = z.object({ sessions: z.array(WireSession), total: z.number() });
export const WireStartReply = z.object({ session: WireSession, balance: z.number() });
export const WireStopReply = z.object({ session: WireSession, refund: z.number(), balance: z.number() });

/** AMPP's error answer, with the HTTP status, or with 200 for its in-body failure. */
export const WireAmppError = z.object({ errorCode: z.string(), errorMessage: z.string().optional() });
export type WireAmppError = z.infer<typeof WireAmppError>;
