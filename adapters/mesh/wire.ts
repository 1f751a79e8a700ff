import { z } from 'zod';

/**
 * MESH's payloads, exactly as it sends them: snake_case, numeric ids in the family API and string
 * ids in the event calendar, mark values as strings, camelCase in the meals service.
 */

export const WireMeshError = z.object({
  type: z.string(),
  description: z.string().nullable().optional(),
  details: z.unknown().optional(),
});
export type WireMeshError = z.infer<typeof WireMeshError>;

export const WireSchool = z.object({
  id: z.number().int(),
  name: z.string(),
  short_name: z.string().nullable().optional(),
  county: z.string().nullable().optional(),
});

export const WireChild = z.object({
  id: z.number().int(),
  type: z.string().optional(),
  last_name: z.string().optional(),
  first_name: z.string().optional(),
  middle_name: z.string().nullable().optional(),
  birth_date: z.string().optional(),
  sex: z.string().optional(),
  snils: z.string().nullable().optional(),
  contract_id: z.number().int().nullable().optional(),
  school: WireSchool,
  class_name: z.string(),
  class_level_id: z.number().int().nullable().optional(),
  class_unit_id: z.number().int(),
});
export type WireChild = z.infer<typeof WireChild>;

export const WireProfileReply = z.object({
  profile: z.object({
    id: z.number().int(),
    type: z.string(),
    last_name: z.string().optional(),
    first_name: z.string().optional(),
    middle_name: z.string().nullable().optional(),
    birth_date: z.string().optional(),
    sex: z.string().optional(),
    snils: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
  }),
  children: z.array(WireChild),
  hash: z.string().optional(),
});

export const WireGrade = z.object({
  grade_system_type: z.string(),
  grade: z.object({
    five: z.number().nullable().optional(),
    hundred: z.number().nullable().optional(),
    origin: z.string().nullable().optional(),
  }),
});

export const WireMark = z.object({
  id: z.number().int(),
  student_id: z.number().int(),
  value: z.string(),
  values: z.array(WireGrade).nullable().optional(),
  weight: z.number().int(),
  date: z.string(),
  subject_id: z.number().int(),
  subject_name: z.string(),
  control_form_name: z.string().nullable().optional(),
  is_exam: z.boolean(),
  comment: z.string().nullable().optional(),
});
export type WireMark = z.infer<typeof WireMark>;
export const WireMarksReply = z.object({ payload: z.array(WireMark) });

export const WireHomework = z.object({
  homework_entry_id: z.number().int(),
  student_id: z.number().int(),
  type: z.string().nullable().optional(),
  subject_id: z.number().int().nullable().optional(),
  subject_name: z.string(),
  description: z.string(),
  date: z.string(),
  date_assigned_on: z.string().nullable().optional(),
  is_done: z.boolean(),
});
export type WireHomework = z.infer<typeof WireHomework>;
export const WireHomeworkReply = z.object({ payload: z.array(WireHomework) });

export const WirePass = z.object({
  in: z.string(),
  out: z.string().nullable(),
  duration: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  short_name: z.string().nullable().optional(),
  is_warning: z.boolean(),
});

/** The older web endpoint: the day as `DD.MM.YYYY`, paged by page/per_page. */
export const WireVisitDay = z.object({
  student_id: z.number().int(),
  date: z.string(),
  visits: z.array(WirePass),
});
export type WireVisitDay = z.infer<typeof WireVisitDay>;
export const WireVisitsReply = z.object({
  payload: z.array(WireVisitDay),
  page: z.number().int(),
  per_page: z.number().int(),
  total_count: z.number().int(),
});

/** Event calendar: `start_at`/`finish_at` are Moscow wall-clock time, no offset. */
export const WireEvent = z.object({
  id: z.number().int(),
  person_id: z.string(),
  source: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  start_at: z.string(),
  finish_at: z.string(),
  subject_id: z.number().int().nullable().optional(),
  subject_name: z.string().nullable().optional(),
  room_number: z.string().nullable().optional(),
  class_unit_id: z.number().int().nullable().optional(),
  is_missed_lesson: z.boolean().nullable().optional(),
});
export type WireEvent = z.infer<typeof WireEvent>;
export const WireEventsReply = z.object({ total_count: z.number().int(), response: z.array(WireEvent) });

export const WireMealsClient = z.object({
  contract_id: z.number().int(),
  balance: z.number().int(),
  preorderAllowed: z.boolean(),
});
export type WireMealsClient = z.infer<typeof WireMealsClient>;
/** One contract answers the object; the *(designed)* comma-separated form answers an array of them. */
export const WireMealsClientsReply = z.union([WireMealsClient, z.array(WireMealsClient)]);

export const WireMealTransaction = z.object({
  time: z.string(),
  sum: z.number().int(),
  type: z.string(),
  title: z.string(),
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
