import { z } from 'zod';

/** The registry's payloads, exactly as it sends them. */
export const WirePerson = z.object({
  id: z.string(),
  last_name: z.string(),
  first_name: z.string(),
  middle_name: z.string().nullable().optional(),
  birth_date: z.string(),
  snils: z.string(),
  oms_number: z.string().nullable().optional(),
  registration: z
    .object({
      unom: z.number(),
      district_code: z.string(),
      address_text: z.string(),
      flat: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  mesh_person_id: z.string().nullable().optional(),
  payer_codes: z.array(z.string()).default([]),
  vehicles: z.array(z.object({ plate: z.string(), sts: z.string() })).default([]),
  parking_account_id: z.string().nullable().optional(),
});
export type WirePerson = z.infer<typeof WirePerson>;

export const WirePersonReply = z.object({ person: WirePerson });
export const WireBatchReply = z.object({ persons: z.array(WirePerson), not_found: z.array(z.string()).optional() });
export const WireChildrenReply = z.object({ children: z.array(WirePerson) });
export const WireError = z.object({ code: z.string() });
