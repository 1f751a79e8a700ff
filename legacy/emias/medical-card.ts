import { addDays, fromMoscow, moscowDate, moscowLocal, Seeded } from '../kit';
import type { Person } from '../population';
import { clinicOf } from './catalogue';

/**
 * The electronic medical card: documents of five kinds, derived from the person. Dates are in the
 * past of the simulator's clock and, as the card service sends them, Moscow wall-clock time with
 * no offset *(designed quirk)*; an epicrisis' `dischargeDate` carries its offset (the public
 * clients parse it with `%Y-%m-%dT%H:%M:%S%z`).
 */

export const DOCUMENT_KINDS = ['inspections', 'analyzes', 'research', 'epicrisis', 'covid-analyzes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface CardDocument {
  documentId: string;
  kind: DocumentKind;
  title: string;
  /** `YYYY-MM-DDTHH:MM:SS`, Moscow time, no offset. */
  date: string;
  doctorName: string;
  organisation: string;
  conclusion: string;
  /** Inspections: the doctor's speciality. */
  doctorSpecialization: string;
}

const TITLES: Record<DocumentKind, ReadonlyArray<string>> = {
  inspections: ['Осмотр терапевта', 'Приём офтальмолога', 'Приём хирурга', 'Приём оториноларинголога', 'Профилактический осмотр'],
  analyzes: ['Общий анализ крови', 'Биохимический анализ крови', 'Общий анализ мочи', 'Глюкоза крови', 'Липидный профиль'],
  research: ['Флюорография', 'Электрокардиография', 'УЗИ органов брюшной полости', 'Рентгенография грудной клетки'],
  epicrisis: ['Выписной эпикриз', 'Этапный эпикриз'],
  'covid-analyzes': ['Исследование на РНК SARS-CoV-2 методом ПЦР', 'Исследование на антитела к SARS-CoV-2'],
};
const COUNTS: Record<DocumentKind, [number, number]> = { inspections: [2, 8], analyzes: [1, 6], research: [0, 3], epicrisis: [0, 2], 'covid-analyzes': [0, 2] };
const SPECIALIZATION_OF: Record<string, string> = {
  'Осмотр терапевта': 'Терапевт',
  'Приём офтальмолога': 'Офтальмолог',
  'Приём хирурга': 'Хирург',
  'Приём оториноларинголога': 'Оториноларинголог',
  'Профилактический осмотр': 'Терапевт',
};
const CONCLUSIONS = ['Без патологии.', 'Показатели в пределах референсных значений.', 'Рекомендовано наблюдение у терапевта.', 'Рекомендован повторный осмотр через 6 месяцев.'];
const DOCTORS = ['Петрова А. В.', 'Смирнов С. П.', 'Кузнецова И. А.', 'Орлов Д. И.', 'Лебедева О. С.', 'Никитин А. О.'];

/** The person's documents of one kind, newest first. */
export function documentsOf(seed: string, person: Person, kind: DocumentKind, now: Date): CardDocument[] {
  const r = new Seeded(seed, 'emias', 'card', person.id, kind);
  const [min, max] = COUNTS[kind];
  const count = r.int(min, max);
  const today = moscowDate(now);
  const organisation = clinicOf(seed, person.registration.districtCode).name;
  const docs = Array.from({ length: count }, (_, i): CardDocument => {
    const d = new Seeded(seed, 'emias', 'card-doc', person.id, kind, i);
    const day = addDays(today, -d.int(3, 720));
    const title = d.pick(TITLES[kind]);
    return {
      documentId: String(1_000_000_000 + d.int(0, 899_999_999)),
      kind,
      title,
      date: moscowLocal(fromMoscow(day, d.int(8, 19), d.pick([0, 15, 30, 45]))),
      doctorName: d.pick(DOCTORS),
      organisation,
      conclusion: d.pick(CONCLUSIONS),
      doctorSpecialization: SPECIALIZATION_OF[title] ?? 'Терапевт',
    };
  });
  return docs.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * A document as `GET /api/1/documents/{kind}` lists it: the common fields, and those the public
 * clients read for its kind (`doctorSpecialization` and `appointmentDate` of an inspection,
 * `muName` of a research, `dischargeDate` of an epicrisis).
 */
export function listItem(doc: CardDocument): Record<string, unknown> {
  const common = { documentId: doc.documentId, title: doc.title, date: doc.date, doctorName: doc.doctorName, organisation: doc.organisation };
  switch (doc.kind) {
    case 'inspections':
      return { ...common, doctorSpecialization: doc.doctorSpecialization, appointmentDate: doc.date };
    case 'research':
      return { ...common, muName: doc.organisation };
    case 'epicrisis':
      return { ...common, dischargeDate: `${doc.date}+03:00` };
    default:
      return common;
  }
}

export function findDocument(seed: string, person: Person, documentId: string, now: Date): CardDocument | undefined {
  for (const kind of DOCUMENT_KINDS) {
    const found = documentsOf(seed, person, kind, now).find((doc) => doc.documentId === documentId);
    if (found) return found;
  }
  return undefined;
}

/** The document as the card viewer renders it. */
export function documentHtml(doc: CardDocument): string {
  return [
    '<html><body>',
    `<h1>${doc.title}</h1>`,
    `<p>Дата: ${doc.date.slice(0, 10)}</p>`,
    `<p>Врач: ${doc.doctorName}</p>`,
    `<p>Медицинская организация: ${doc.organisation}</p>`,
    `<p>Заключение: ${doc.conclusion}</p>`,
    '</body></html>',
  ].join('');
}
