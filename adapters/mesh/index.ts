export { MESH_ENDPOINTS, MeshClient, type MeshClientOptions } from './client';
export { MESH_SYSTEM, meshErrorOf } from './errors';
export { fromRussianDate, moscowDateTime, toHomework, toMark, toMealDaysPage, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
export type {
  DateRange,
  Homework,
  Mark,
  MealDay,
  MealDaysPage,
  MealsAccount,
  MealTransaction,
  MeshCallContext,
  MeshPort,
  ScheduleEvent,
  SchoolRef,
  StudentContract,
  StudentProfile,
  Visit,
} from './port';
