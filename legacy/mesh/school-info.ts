import { Seeded } from '../kit';
import { subjectsFor } from './school-calendar';
import type { MeshStudent } from './students';

/**
 * `GET /school_info?school_id&class_unit_id`: the school as OctoDiary-py's `SchoolInfo` model
 * reads it. The staff are invented people of the simulated city, derived from the school and
 * the class, not residents *(designed values, real field names)*.
 */

const LAST = ['Иванова', 'Соколова', 'Морозова', 'Павлова', 'Фёдорова', 'Белова', 'Григорьева'];
const FIRST = ['Мария', 'Наталья', 'Светлана', 'Людмила', 'Галина', 'Екатерина'];
const MIDDLE = ['Александровна', 'Владимировна', 'Николаевна', 'Петровна', 'Игоревна'];

function staff(r: Seeded): { last_name: string; first_name: string; middle_name: string } {
  return { last_name: r.pick(LAST), first_name: r.pick(FIRST), middle_name: r.pick(MIDDLE) };
}

export function schoolInfoOf(seed: string, student: MeshStudent): Record<string, unknown> {
  const school = student.school;
  const r = new Seeded(seed, 'mesh', 'school-info', school.id);
  const principal = staff(r);
  const subjects = [...new Map(subjectsFor(student.level).map((s) => [s.id, s.name])).values()];
  const teacherOf = new Seeded(seed, 'mesh', 'class-teachers', student.classUnitId);
  return {
    id: school.id,
    name: school.name,
    type: 'Общеобразовательная организация',
    principal: `${principal.last_name} ${principal.first_name} ${principal.middle_name}`,
    classroom_teachers: [staff(new Seeded(seed, 'mesh', 'classroom-teacher', student.classUnitId))],
    address: { county: school.county, district: null, address: school.address },
    phone: `+7 (495) ${r.int(100, 999)}-${r.int(10, 99)}-${r.int(10, 99)}`,
    email: `sch${school.id - 100_000}@edu.mos.ru`,
    website_link: `https://sch${school.id - 100_000}.mskobr.ru`,
    teachers: subjects.map((name) => ({ ...staff(teacherOf), subject_names: [name] })),
    branches: [{ name: school.shortName, type: 'Школа', address: school.address, is_main_building: true, is_student_building: true }],
  };
}
