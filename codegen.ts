import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: each subgraph's resolver types, generated from its contract
 * (`schema/<name>.graphql`) into `subgraphs/<name>/generated/resolvers-types.ts`. The files are
 * committed; `test/contracts/resolver-types.test.ts` fails when they are not what the contracts
 * generate now. Each subgraph's `resolvers.ts` is typed by the file's `Resolvers`, so arguments
 * come from the contract and a resolver returning the wrong shape fails the type check.
 *
 * `mappers` name what a resolver really returns for a type when that is not the type's own shape:
 * the adapters' domain types, and the subgraph's own parent objects (`subgraphs/<name>/parents.ts`).
 * A type left out is returned in the contract's shape. Paths are relative to the generated file.
 */

/** From `subgraphs/<name>/generated/` to the folders the mappers live in. */
const ADAPTERS = '../../../adapters';
const KIT = '../../kit';
const PARENTS = '../parents';

/** What one subgraph's resolver types are made of. */
interface ResolverTypesSource {
  /** The per-request context its resolvers receive, exported by `subgraphs/<name>/context.ts`. */
  context: string;
  /** GraphQL type name → `module#Type` of what its resolvers hand on. */
  mappers: Record<string, string>;
}

/** The graph's Money is always the kit's `money()`: whole kopecks and the rouble string from them. */
const MONEY = `${KIT}#Money`;

export const RESOLVER_TYPES: Record<string, ResolverTypesSource> = {
  residents: {
    context: 'ResidentsContext',
    mappers: {
      Resident: `${ADAPTERS}/registry#PersonRecord`,
      Address: `${ADAPTERS}/registry#RegisteredAddress`,
      AuditEvent: `${KIT}#AuditEventView`,
    },
  },
  health: {
    context: 'HealthContext',
    mappers: {
      Resident: `${PARENTS}#HealthResident`,
      MedicalCard: `${PARENTS}#MedicalCardParent`,
      Appointment: `${ADAPTERS}/emias#Appointment`,
      Referral: `${ADAPTERS}/emias#Referral`,
      Speciality: `${ADAPTERS}/emias#Speciality`,
      MedicalDocument: `${ADAPTERS}/emias#MedicalDocument`,
      MedicalDocumentContent: `${ADAPTERS}/emias#MedicalDocumentContent`,
    },
  },
  school: {
    context: 'SchoolContext',
    mappers: {
      Resident: `${PARENTS}#SchoolResident`,
      Student: `${PARENTS}#StudentRef`,
      School: `${ADAPTERS}/mesh#SchoolRef`,
      Mark: `${ADAPTERS}/mesh#Mark`,
      Homework: `${ADAPTERS}/mesh#Homework`,
      Lesson: `${ADAPTERS}/mesh#ScheduleEvent`,
      SchoolVisit: `${ADAPTERS}/mesh#Visit`,
      MealsAccount: `${ADAPTERS}/mesh#MealsAccount`,
      MealDay: `${ADAPTERS}/mesh#MealDay`,
      MealTransaction: `${ADAPTERS}/mesh#MealTransaction`,
      Money: MONEY,
    },
  },
  housing: {
    context: 'HousingContext',
    mappers: {
      Resident: `${PARENTS}#HousingResident`,
      Home: `${PARENTS}#HomeNode`,
      Meter: `${PARENTS}#MeterNode`,
      MeterReading: `${ADAPTERS}/housing#MeterReading`,
      Bill: `${ADAPTERS}/housing#Bill`,
      SubmitWindow: '../readings#SubmitWindow',
      SubmitMeterReadingsPayload: '../readings#SubmissionOutcome',
      MeterReadingSubmission: '../readings#ReadingResult',
      Money: MONEY,
    },
  },
  parking: {
    context: 'ParkingContext',
    mappers: {
      Resident: `${PARENTS}#ParkingResident`,
      Vehicle: `${ADAPTERS}/registry#VehicleKey`,
      Fine: `${ADAPTERS}/parking#Fine`,
      ResidentPermit: `${ADAPTERS}/parking#ResidentPermit`,
      ParkingAccount: `${PARENTS}#AccountParent`,
      ParkingSession: `${ADAPTERS}/parking#ParkingSession`,
      Parking: `${ADAPTERS}/parking#Parking`,
      ParkingZone: `${ADAPTERS}/parking#ParkingZone`,
      Money: MONEY,
    },
  },
  payments: {
    context: 'PaymentsContext',
    mappers: {
      Resident: `${PARENTS}#PaymentsResident`,
      Bill: `${PARENTS}#PaymentTargetRef`,
      Fine: `${PARENTS}#PaymentTargetRef`,
      Payment: `${PARENTS}#PaymentView`,
      PaymentPage: `${PARENTS}#PaymentPageView`,
      PaymentTarget: `${PARENTS}#PaymentView`,
      Money: MONEY,
    },
  },
};

/** Where `npm run codegen` writes a subgraph's resolver types. */
export function resolverTypesFile(subgraph: string): string {
  return `subgraphs/${subgraph}/generated/resolvers-types.ts`;
}

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    Object.entries(RESOLVER_TYPES).map(([name, source]) => [
      resolverTypesFile(name),
      {
        schema: `schema/${name}.graphql`,
        plugins: [
          { add: { content: `// Written by \`npm run codegen\` from schema/${name}.graphql (see codegen.ts). Do not edit.\n/* eslint-disable */` } },
          'typescript',
          'typescript-resolvers',
        ],
        config: {
          // Entities get `__resolveReference`, typed by the representation the gateway sends (key and @requires fields).
          federation: true,
          contextType: `../context#${source.context}`,
          mappers: source.mappers,
          // Imported under another name, so a domain type may share its GraphQL type's name (emias's Appointment).
          mapperTypeSuffix: 'Model',
          // The kit's Date and DateTime scalars take and give the ISO strings as they are.
          scalars: { Date: 'string', DateTime: 'string' },
          // Enums as string unions: the adapters' domain types use the same literals.
          enumsAsTypes: true,
          useTypeImports: true,
        },
      },
    ]),
  ),
};

export default config;
