import { z } from 'zod';

/**
 * EMIAS payloads as it sends them: times ISO-8601 strings, ids JSON numbers, except where the
 * public clients show it sends strings (a speciality's `code`) or either. Only the fields the
 * mapper reads are declared; the rest of EMIAS's rich payloads pass unread. Where the real
 * system varies, every variant is accepted here (`fixtures/README.md` lists them).
 */

/** A numeric id: a JSON number, or the same digits as a string. */
const WireId = z.union([z.number().int(), z.string().regex(/^\d{1,18}$/)]);

/** The JSON-RPC envelope. A refusal or a fault is HTTP 200 with `error` instead of `result`. */
export const WireRpcError = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  data: z.object({ code: z.string().optional() }).nullable().optional(),
});
export type WireRpcError = z.infer<typeof WireRpcError>;

export const WireRpcEnvelope = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  result: z.unknown().optional(),
  error: WireRpcError.optional(),
});

export const WireSpeciality = z.object({
  // A string in the captures the public clients were written against ("2"); pyemias' model, an int.
  code: WireId,
  name: z.string(),
  male: z.boolean(),
  female: z.boolean(),
  therapeutic: z.boolean(),
});
export type WireSpeciality = z.infer<typeof WireSpeciality>;
export const WireSpecialities = z.array(WireSpeciality);

/** The sign-in: `create_anonymous_jwt`'s JSON-RPC result is the JWT itself. */
export const WireAnonymousJwt = z.object({ jsonrpc: z.literal('2.0'), result: z.string().min(1).max(4_096) });

export const WireDoctor = z.object({
  id: WireId,
  lpuId: WireId,
  name: z.string(),
  arSpecialityId: WireId,
  arSpecialityName: z.string(),
  mainDoctor: z.object({ firstName: z.string(), lastName: z.string(), secondName: z.string().nullable().optional(), employeeId: WireId.optional() }).nullable().optional(),
  complexResource: z.array(
    z.object({
      id: WireId,
      name: z.string(),
      room: z
        .object({ id: WireId, number: z.string().nullable().optional(), lpuShortName: z.string().nullable().optional(), defaultAddress: z.string().nullable().optional() })
        .nullable()
        .optional(),
    }),
  ),
});
export type WireDoctor = z.infer<typeof WireDoctor>;
export const WireDoctors = z.array(WireDoctor);

export const WireSchedule = z.object({
  scheduleOfDay: z.array(
    z.object({
      date: z.string(),
      scheduleBySlot: z.array(z.object({ slot: z.array(z.object({ startTime: z.string(), endTime: z.string() })) })),
    }),
  ),
});
export type WireSchedule = z.infer<typeof WireSchedule>;

/** A procedure (LDP) a reception or a referral is for, in place of a doctor. */
const WireToLdp = z.object({ ldpTypeId: WireId.nullable().optional(), ldpTypeName: z.string() });

/**
 * An appointment: with a doctor (`type: "RECEPTION"`, `toDoctor`), or for a procedure (`toLdp`,
 * no `toDoctor`), as the public clients tell them apart.
 */
export const WireReception = z.object({
  id: WireId,
  type: z.string().nullable().optional(),
  startTime: z.string(),
  toDoctor: z.object({ specialityId: WireId, specialityName: z.string() }).nullable().optional(),
  toLdp: WireToLdp.nullable().optional(),
  nameLpu: z.string(),
  lpuAddress: z.string().nullable().optional(),
  roomNumber: z.string().nullable().optional(),
});
export type WireReception = z.infer<typeof WireReception>;
export const WireReceptions = z.array(WireReception);

export const WireCancelled = z.object({ success: z.boolean() });

/**
 * A referral. Its twelve-digit number is `number` (a string) beside a numeric record `id`; older
 * answers carry the number as `id` alone. A referral to a procedure has `toLdp` and no `toDoctor`.
 */
export const WireReferral = z.object({
  id: z.union([z.string(), z.number().int()]),
  number: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  toDoctor: z.object({ specialityId: WireId.nullable().optional(), specialityName: z.string() }).nullable().optional(),
  toLdp: WireToLdp.nullable().optional(),
  endTime: z.string(),
  lpuName: z.string().nullable().optional(),
});
export type WireReferral = z.infer<typeof WireReferral>;
export const WireReferrals = z.array(WireReferral);

/** Medical card REST. The same bare `{ error }` body as a 200 marks a fault. */
export const WireCardFault = z.object({ error: WireRpcError });

/**
 * A card document as listed. Each kind has its own fields: an inspection may carry its date only
 * as `appointmentDate` and its title as `doctorSpecialization`, an epicrisis its date as
 * `dischargeDate` (with an offset); the mapper takes whichever is there.
 */
export const WireCardDocument = z.object({
  documentId: z.union([z.string(), z.number().int()]),
  title: z.string().nullable().optional(),
  doctorSpecialization: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
  appointmentDate: z.string().nullable().optional(),
  dischargeDate: z.string().nullable().optional(),
  doctorName: z.string().nullable().optional(),
  organisation: z.string().nullable().optional(),
  muName: z.string().nullable().optional(),
});
export type WireCardDocument = z.infer<typeof WireCardDocument>;
export const WireCardDocuments = z.object({ documents: z.array(WireCardDocument) });

export const WireDocumentContent = z.object({ title: z.string(), documentHtml: z.string(), date: z.string() });
export type WireDocumentContent = z.infer<typeof WireDocumentContent>;
