import { z } from 'zod';

/**
 * MESH's payloads as it sends them (the fields of OctoDiary-py's pydantic models of the mobile
 * API): snake_case, numeric ids in the family API, string GUIDs in the event calendar, mark values
 * as strings, camelCase in the meals service. Only what the mapper reads is declared; the rest
 * passes unread. A field the real system leaves out is optional here, and every variant the
 * public clients show is accepted (`fixtures/README.md`).
 *
 * The real calls name one student, and their items do not say whose they are; the simulator's
 * *(designed)* batch forms add the student (`student_id`, the calendar's `person_id`) so a family
 * costs one call. Those fields are therefore optional everywhere.
 */

/** A numeric id: a JSON number, or the same digits as a string. */
const WireId = z.union([z.number().int(), z.string().regex(/^\d{1,18}$/)]);

export const WireMeshError = z.object({
  type: z.string(),
  description: z.string().nullable().optional(),
  details: z.unknown().optional(),
});
export type WireMeshError = z.infer<typeof WireMeshError>;

export const WireSchool = z.object({
  id: WireId,
  name: z.string(),
  short_name: z.string().nullable().optional(),
});

export const WireChild = z.object({
  id: WireId,
  contract_id: WireId.nullable().optional(),
  school: WireSchool,
  class_name: z.string(),
  class_unit_id: WireId,
  /** How the event calendar names the child; older answers may lack it. */
  contingent_guid: z.string().nullable().optional(),
});
export type WireChild = z.infer<typeof WireChild>;

export const WireProfileReply = z.object({
  profile: z.object({
    id: WireId,
    /** `parent` or `student`: the signed-in user's role, which the calendar wants as `x-mes-role`. */
    type: z.string().nullable().optional(),
  }),
  children: z.array(WireChild),
});
export type WireProfileReply = z.infer<typeof WireProfileReply>;

export const WireGrade = z.object({
  grade_system_type: z.string().nullable().optional(),
  grade: z
    .object({
      five: z.number().nullable().optional(),
      hundred: z.number().nullable().optional(),
      origin: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

export const WireMark = z.object({
  id: WireId,
  /** *(designed batch form only)* */
  student_id: WireId.nullable().optional(),
  value: z.string(),
  values: z.array(WireGrade).nullable().optional(),
  weight: z.number().int().nullable().optional(),
  date: z.string(),
  subject_id: WireId.nullable().optional(),
  subject_name: z.string(),
  control_form_name: z.string().nullable().optional(),
  is_exam: z.boolean().nullable().optional(),
  comment: z.string().nullable().optional(),
});
export type WireMark = z.infer<typeof WireMark>;
export const WireMarksReply = z.object({ payload: z.array(WireMark) });

export const WireHomework = z.object({
  /** The student's own copy of the entry, what "done" is ticked on (the mobile API's id). */
  homework_entry_student_id: WireId.nullable().optional(),
  /** The entry itself, as the event calendar's homework and older answers name it. */
  homework_entry_id: WireId.nullable().optional(),
  /** *(designed batch form only)* */
  student_id: WireId.nullable().optional(),
  subject_name: z.string(),
  description: z.string(),
  date: z.string(),
  date_assigned_on: z.string().nullable().optional(),
  is_done: z.boolean().nullable().optional(),
});
export type WireHomework = z.infer<typeof WireHomework>;
export const WireHomeworkReply = z.object({ payload: z.array(WireHomework) });

export const WirePass = z.object({
  in: z.string(),
  out: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  is_warning: z.boolean().nullable().optional(),
});

/** A day of school passes: the day `YYYY-MM-DD` (or, on older answers, `DD.MM.YYYY`). */
export const WireVisitDay = z.object({
  /** *(designed batch form only)* */
  student_id: WireId.nullable().optional(),
  date: z.string(),
  visits: z.array(WirePass),
});
export type WireVisitDay = z.infer<typeof WireVisitDay>;
/** The real answer is the payload alone; the simulator's *(designed)* paging adds the counts. */
export const WireVisitsReply = z.object({
  payload: z.array(WireVisitDay),
  page: z.number().int().optional(),
  per_page: z.number().int().optional(),
  total_count: z.number().int().optional(),
});
export type WireVisitsReply = z.infer<typeof WireVisitsReply>;

/** Event calendar: `start_at`/`finish_at` are Moscow wall-clock time, no offset. */
export const WireEvent = z.object({
  id: WireId,
  /** *(designed batch form only)*: the child's contingent GUID. */
  person_id: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  start_at: z.string(),
  finish_at: z.string(),
  subject_name: z.string().nullable().optional(),
  room_number: z.string().nullable().optional(),
  is_missed_lesson: z.boolean().nullable().optional(),
});
export type WireEvent = z.infer<typeof WireEvent>;
export const WireEventsReply = z.object({ total_count: z.number().int().nullable().optional(), response: z.array(WireEvent) });

/**
 * A meals account. The contract is `clientId.contractId` (OctoDiary-py's model); another public
 * client reads it at the top level as `contractId`, beside an untyped `clientId`. Both are read.
 */
export const WireMealsClient = z.object({
  /** An object with `contractId` (read with `WireClientId`), or whatever else a variant sends. */
  clientId: z.unknown().optional(),
  contractId: WireId.nullable().optional(),
  organization: z.object({ name: z.string().nullable().optional() }).nullable().optional(),
  balance: z.number().int(),
  preorderAllowed: z.boolean().nullable().optional(),
});
export type WireMealsClient = z.infer<typeof WireMealsClient>;
export const WireClientId = z.object({ contractId: WireId });
/** One contract answers the object; the *(designed)* comma-separated form answers an array of them. */
export const WireMealsClientsReply = z.union([WireMealsClient, z.array(WireMealsClient)]);

export const WireMealItem = z.object({
  count: z.number().int().nullable().optional(),
  title: z.string().nullable().optional(),
  price: z.number().int().nullable().optional(),
});

export const WireMealTransaction = z.object({
  time: z.string(),
  amount: z.number().int(),
  type: z.string(),
  items: z.array(WireMealItem).nullable().optional(),
});
export const WireMealDay = z.object({
  date: z.string(),
  expense: z.number().int(),
  transactions: z.array(WireMealTransaction),
});
export type WireMealDay = z.infer<typeof WireMealDay>;
export const WireDayBalanceReply = z.object({
  balance: z.number().int(),
  hasNextPage: z.boolean(),
  days: z.array(WireMealDay),
});
export type WireDayBalanceReply = z.infer<typeof WireDayBalanceReply>;
