export { MESH_ENDPOINTS, MeshClient, type MeshClientOptions } from './client';
export { MESH_SYSTEM, meshErrorOf } from './errors';
export { fromRussianDate, moscowDateTime, toHomework, toMark, toMealDaysPage, toMealsAccount, toMeshRole, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
export type {
  DateRange,
  Homework,
  Mark,
  MealDay,
  MealDaysPage,
  MealsAccount,
  MealTransaction,
  MeshPort,
  MeshRole,
  ScheduleEvent,
  SchoolRef,
  StudentCalendarRef,
  StudentContract,
  StudentProfile,
  Visit,
} from './port';
export { meshCarriers, meshSession } from './session';
