/**
 * MESH, the school diary, as the graph needs it. Domain types only: MESH's wire shapes (numeric
 * ids, Russian dates, times without an offset, mark values as strings) stay in `wire.ts` and are
 * translated once, in `mapper.ts`.
 */

/** Calendar days `YYYY-MM-DD`, both included. */
export interface DateRange {
  from: string;
  to: string;
}

/** The role a profile has towards a student: the student's own, or a parent's (MESH's `x-mes-role`). */
export type MeshRole = 'parent' | 'student';

/** A student's place in school, from the profile call. */
export interface StudentProfile {
  meshPersonId: string;
  school: SchoolRef;
  /** `7-Б`: the form and the letter. */
  className: string;
  classUnitId: string;
  /** The meals and school-pass contract; null when the child has none. */
  contractId: string | null;
  /** How the event calendar (and the city's other services) name the child; null when MESH does not say. */
  contingentGuid: string | null;
  /** The signed-in profile's role towards this student, which the calendar is asked in. */
  viewerRole: MeshRole;
}

export interface SchoolRef {
  id: string;
  name: string;
}

export interface Mark {
  id: string;
  studentId: string;
  /** MESH's subject id, when the mark names it. */
  subjectId: string | null;
  subject: string;
  /** As the diary shows it: `5`, `4`, `зачёт`. */
  value: string;
  /** The mark on the five-point scale when it has one (not for pass/fail marks). */
  fivePointValue: number | null;
  /** How much the mark counts in the average (1 for an answer in class, 3 for a test). */
  weight: number;
  /** `YYYY-MM-DD`, the day of the lesson. */
  date: string;
  /** What the mark was for (`Контрольная работа`). */
  controlForm: string | null;
  isExam: boolean;
  comment: string | null;
}

export interface Homework {
  /** The student's homework entry (what "done" is ticked on), when MESH names it. */
  id: string | null;
  studentId: string;
  subject: string;
  description: string;
  /** `YYYY-MM-DD`, the lesson it is for. */
  dueDate: string;
  /** `YYYY-MM-DD`, the lesson it was set in, when MESH says. */
  assignedOn: string | null;
  /** Ticked off by the student. */
  isDone: boolean;
}

/** A lesson in the timetable. */
export interface ScheduleEvent {
  id: string;
  studentId: string;
  subject: string;
  /** ISO-8601 with `+03:00`. */
  startsAt: string;
  endsAt: string;
  room: string | null;
  /** The student missed the lesson (known once it has begun). */
  isMissed: boolean;
}

/** One pass through the school gate: in, and out once the card is tapped again. */
export interface Visit {
  studentId: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** ISO-8601 with `+03:00`. */
  enteredAt: string;
  /** Null while the child is inside, or when the card was not tapped on the way out. */
  leftAt: string | null;
  durationMinutes: number | null;
  /** The school building's address (not personal data). */
  address: string | null;
  /** MESH flags the visit: late, or no exit recorded. */
  isWarning: boolean;
}

export interface MealsAccount {
  contractId: string;
  balanceKopecks: number;
  /** Whether meals can be ordered ahead in the school's canteen. */
  preorderAllowed: boolean;
}

export interface MealTransaction {
  /** ISO-8601 with `+03:00`. */
  at: string;
  amountKopecks: number;
  kind: 'PURCHASE' | 'REFILL';
  title: string;
}

export interface MealDay {
  date: string;
  /** What was spent that day; refills do not count. */
  expenseKopecks: number;
  transactions: MealTransaction[];
}

/** A page of meal days, newest first; the next page is the days before the last one here. */
export interface MealDaysPage {
  balanceKopecks: number;
  hasNextPage: boolean;
  days: MealDay[];
}

/** A student and their contract, which the school-pass call wants together. */
export interface StudentContract {
  meshPersonId: string;
  contractId: string;
}

/** A student as the event calendar is asked about them: by contingent GUID, in the profile's role. */
export interface StudentCalendarRef {
  meshPersonId: string;
  contingentGuid: string;
  viewerRole: MeshRole;
}

/**
 * The school diary. Every list method takes many students and costs MESH one call per batch of
 * them (the *(designed)* comma-separated forms), so a family costs what one child does. Results
 * are keyed by the MESH person id (or contract id); every requested key is present.
 *
 * MESH answers only about the students its profile represents, so every method first names the
 * profile: the signed-in resident's person id, sent as MESH's `profile-id` header. Nothing else
 * but domain arguments: the request id and the deadline reach the transport through the request scope.
 */
export interface MeshPort {
  /** School, class and contract of each student; a student MESH does not know is absent. */
  getStudents(profileId: string, meshPersonIds: ReadonlyArray<string>): Promise<Map<string, StudentProfile>>;
  getMarks(profileId: string, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Mark[]>>;
  /** Homework due in the range. */
  getHomework(profileId: string, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Homework[]>>;
  /** Lessons by MESH person id; the calendar is asked by each student's contingent GUID. */
  getSchedule(profileId: string, students: ReadonlyArray<StudentCalendarRef>, range: DateRange): Promise<Map<string, ScheduleEvent[]>>;
  getVisits(profileId: string, students: ReadonlyArray<StudentContract>, range: DateRange): Promise<Map<string, Visit[]>>;
  /** Accounts keyed by contract id; a contract MESH does not know is absent. */
  getMealsAccounts(profileId: string, contractIds: ReadonlyArray<string>): Promise<Map<string, MealsAccount>>;
  /** One page of a contract's meal days; `after` is the last date of the page before. */
  getMealDays(profileId: string, contractId: string, page: { first: number; after?: string }): Promise<MealDaysPage>;
}
