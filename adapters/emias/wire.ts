import { z } from 'zod';

/** EMIAS payloads, exactly as it sends them: ids are JSON numbers, times ISO-8601 strings. */

const WireId = z.number().int();

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
  code: WireId,
  name: z.string(),
  male: z.boolean(),
  female: z.boolean(),
  therapeutic: z.boolean(),
});
export type WireSpeciality = z.infer<typeof WireSpeciality>;
export const WireSpecialities = z.array(WireSpeciality);

export const WireDoctor = z.object({
  id: WireId,
  lpuId: WireId,
  name: z.string(),
  arSpecialityId: WireId,
  arSpecialityName: z.string(),
  mainDoctor: z
    .object({ firstName: z.string(), lastName: z.string(), secondName: z.string().nullable().optional(), employeeId: WireId.optional() })
    .nullable()
    .optional(),
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

export const WireReception = z.object({
  id: WireId,
  startTime: z.string(),
  toDoctor: z.object({ specialityId: WireId, specialityName: z.string() }),
  nameLpu: z.string(),
  lpuAddress: z.string().nullable().optional(),
  roomNumber: z.string().nullable().optional(),
});
export type WireReception = z.infer<typeof WireReception>;
export const WireReceptions = z.array(WireReception);

export const WireCancelled = z.object({ success: z.boolean() });

export const WireReferral = z.object({
  // Twelve digits; sent as a string, tolerated as a number.
  id: z.union([z.string(), WireId]),
  toDoctor: z.object({ specialityId: WireId.nullable().optional(), specialityName: z.string() }),
  endTime: z.string(),
  lpuName: z.string().nullable().optional(),
});
export type WireReferral = z.infer<typeof WireReferral>;
export const WireReferrals = z.array(WireReferral);

/** Medical card REST. The same bare `{ error }` body as a 200 marks a fault. */
export const WireCardFault = z.object({ error: WireRpcError });

export const WireCardDocument = z.object({
  documentId: z.union([z.string(), WireId]),
  title: z.string(),
  date: z.string(),
  doctorName: z.string().nullable().optional(),
  organisation: z.string().nullable().optional(),
});
export type WireCardDocument = z.infer<typeof WireCardDocument>;
export const WireCardDocuments = z.object({ documents: z.array(WireCardDocument) });

export const WireDocumentContent = z.object({ title: z.string(), documentHtml: z.string(), date: z.string() });
export type WireDocumentContent = z.infer<typeof WireDocumentContent>;
