import { z } from 'zod';

/** The payloads of the treasury system, exactly as it sends them: snake_case, and its own words for the status. */
export const WireTreasurySummary = z.object({
  person_id: z.string(),
  account_number: z.string(),
  status: z.string(),
  open_items: z.number(),
  updated_at: z.string(),
});
export type WireTreasurySummary = z.infer<typeof WireTreasurySummary>;

export const WireTreasurySummaryReply = z.object({ summary: WireTreasurySummary });
