import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import fc from 'fast-check';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  parseType,
  print,
  TypeInfo,
  type ValueNode,
  type VariableDefinitionNode,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { RunningGateway } from '../../gateway';
import { HousingData } from '../../legacy/housing';
import { demoResidents, Population } from '../../legacy/population';
import { repoRoot } from '../../platform/config';
import { readCommittedSupergraph } from '../../schema';
import { send } from './support/http';
import { type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * Bad input never makes the graph fail: arbitrary strings and numbers — NUL and other control
 * characters, lone surrogates, huge and negative numbers, non-finite literals, dates out of any
 * range, unicode of every script — thrown at every argument of every portal operation
 * (operations/*.graphql) and of the audit queries, through the real gateway in development mode,
 * as variables and as literals written into the operation. The answer is never HTTP 500 and never
 * INTERNAL_SERVER_ERROR anywhere, and no error message quotes a value it was given.
 *
 * Deterministic: each operation and mode runs with a fixed seed; fast-check prints the seed, the
 * path and the smallest failing input when a run fails, and `SEED` below replays it.
 */
const SEED = 20_261_130;
/** Runs per operation and mode: the file takes about 40 s on two busy cores, a third of it the system starting. */
const RUNS = 25;

/** Marks the strings whose echo the test looks for: no message of ours contains these brackets. */
const OPEN = '⟦';
const CLOSE = '⟧';

/** A number written as-is into the operation or the JSON body (`1e400` is Infinity once parsed). */
interface Raw {
  raw: string;
}
interface EnumLiteral {
  enum: string;
}
type Value = string | number | boolean | null | Raw | EnumLiteral | Value[] | { [field: string]: Value };

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && 'raw' in value;
const isEnum = (value: unknown): value is EnumLiteral => typeof value === 'object' && value !== null && 'enum' in value;

// --- what is thrown --------------------------------------------------------------------------

/**
 * What is thrown leans on the edges, where a check is most likely missing: characters no store,
 * log or legacy system should be handed (NUL above all, which PostgreSQL cannot store), numbers
 * past 64 bits, days before year 1 and after 9999, literals no double holds. The rest is random.
 */
const HOSTILE = ['\u0000', '\n', '\r', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\u200b', '\ud800', '\udfff', '\u{10ffff}', '\ufffe'];
const NASTY_STRINGS = [
  '',
  ' ',
  '1e400',
  'NaN',
  'Infinity',
  'null',
  '__proto__',
  "'; drop table housing_readings; --",
  '../../../etc/passwd',
  '%00',
  'cDoyMDI2LTEwLTMx',
  'cDo5OTk5LTk5LTk5',
  'cDowMDAwLTAxLTMx',
  'bzo5OTk5OTk5',
  'А123ВС77',
  '112-233-445 95',
  '21.11.2026',
  'x'.repeat(5_000),
  '😀'.repeat(300),
];
const NUMERIC_STRINGS = ['9999999999999999999', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '-1', '0', '00', '7000124400', '1'.repeat(40)];
const EDGE_DAYS = ['0000-01-01', '0001-01-01', '1899-12-31', '3000-01-01', '9999-12-31', '+275760-09-13', '-000001-01-01', '2026-02-30', '2026-13-01', '2026-11-21'];
const EDGE_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-14:00',
  '+275760-09-13T00:00:00Z',
  '2026-02-31T10:00:00+03:00',
  '2026-11-21T25:00:00+03:00',
  '2026-11-21T24:00:00Z',
  '2026-11-21T10:00:00+99:00',
  '2026-11-21T10:00:00.0000000001Z',
  '2026-11-21T10:00:00+03:00',
];
const RAW_NUMBERS = ['1e400', '-1e400', '1e-400', '9'.repeat(400), '-0', '0.0000001', '2147483648', '-2147483649', '9007199254740993'];

const marked = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> => inner.map((s) => `${OPEN}${s}${CLOSE}`);
const hostile: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.oneof({ weight: 2, arbitrary: fc.constant('\u0000') }, { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }), fc.string({ maxLength: 8 }))
  .map((parts) => parts.join(''));
const strings: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...NUMERIC_STRINGS) },
  { weight: 2, arbitrary: marked(fc.string({ unit: 'binary', maxLength: 30 })) },
  { weight: 1, arbitrary: marked(fc.string({ unit: 'grapheme', maxLength: 30 })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  { weight: 1, arbitrary: marked(fc.string({ minLength: 200, maxLength: 3_000 })) },
);
const ids: fc.Arbitrary<Value> = fc.oneof(
  { weight: 2, arbitrary: strings },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);
const integers: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 101, 1_000_000), fc.integer(), fc.integer({ min: -100, max: 200 }), fc.maxSafeInteger());
const numbers: fc.Arbitrary<Value> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((raw): Raw => ({ raw })) },
  { weight: 1, arbitrary: integers },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(9_007_199_254_740_991, 1e20, -1e20, 0.5, -0.5, 1.7976931348623157e308) },
);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** Any year from 0 to 9999 with a month and day that may not exist. */
const anyYearDay = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const days: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DAYS) },
  { weight: 2, arbitrary: anyYearDay },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const instants: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_INSTANTS) },
  { weight: 2, arbitrary: fc.tuple(anyYearDay, fc.constantFrom('T00:00:00Z', 'T23:59:59+14:00', 'T12:00:00-12:00', 'T10:30:00+03:00')).map(([day, time]) => day + time) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);
/** Anything at all, whatever the argument's type. */
const anything: fc.Arbitrary<Value> = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null), fc.constant<Value>([]), fc.constant<Value>({}));

/** Values shaped like the argument's type most of the time, and anything at all the rest. */
function valuesFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<Value> {
  const inner = getNullableType(type);
  let shaped: fc.Arbitrary<Value>;
  if (isListType(inner)) shaped = fc.array(valuesFor(inner.ofType as GraphQLInputType, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    shaped = fc.record(Object.fromEntries(fields.map((f) => [f.name, valuesFor(f.type, depth + 1)])), { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  } else if (isEnumType(inner)) shaped = fc.constantFrom(...inner.getValues().map((v): EnumLiteral => ({ enum: v.name })));
  else {
    switch (inner.name) {
      case 'Int':
        shaped = integers;
        break;
      case 'Float':
        shaped = numbers;
        break;
      case 'ID':
        shaped = fc.oneof(ids, integers);
        break;
      case 'Date':
        shaped = fc.oneof({ weight: 3, arbitrary: days }, { weight: 1, arbitrary: strings });
        break;
      case 'DateTime':
        shaped = fc.oneof({ weight: 3, arbitrary: instants }, { weight: 1, arbitrary: strings });
        break;
      case 'Boolean':
        shaped = fc.boolean();
        break;
      default:
        shaped = strings;
    }
  }
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: anything }, ...(isNonNullType(type) ? [] : [{ weight: 1, arbitrary: fc.constant(null) }]));
}

/**
 * The baseline with one thing changed: the whole value, or (inside an input object or a list) one
 * field or item, so a bad value reaches the check that guards it and is not hidden behind a
 * refusal of its neighbours.
 */
function mutated(baseline: Value, type: GraphQLInputType): fc.Arbitrary<Value> {
  const inner = getNullableType(type);
  const whole = valuesFor(type);
  if (isInputObjectType(inner) && baseline !== null && typeof baseline === 'object' && !Array.isArray(baseline) && !isRaw(baseline) && !isEnum(baseline)) {
    const fields = Object.values(inner.getFields());
    const one = fc.constantFrom(...fields).chain((field) => mutated(baseline[field.name] ?? null, field.type).map((value): Value => ({ ...baseline, [field.name]: value })));
    return fc.oneof(whole, one, one);
  }
  if (isListType(inner) && Array.isArray(baseline) && baseline.length > 0) {
    const [first, ...rest] = baseline;
    return fc.oneof(
      whole,
      mutated(first ?? null, inner.ofType as GraphQLInputType).map((value): Value => [value, ...rest]),
    );
  }
  return whole;
}

/** A value of the type that any check would pass (nullable arguments left out). */
function plausible(type: GraphQLInputType): Value {
  if (!isNonNullType(type)) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) return [plausible(inner.ofType as GraphQLInputType)];
  if (isInputObjectType(inner)) return Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, plausible(f.type)]));
  if (isEnumType(inner)) return { enum: inner.getValues()[0]!.name };
  const samples: Record<string, Value> = { Int: 1, Float: 1, Boolean: true, Date: '2026-11-21', DateTime: '2026-11-25T10:00:00+03:00' };
  return samples[inner.name] ?? '1';
}

// --- where it is thrown ----------------------------------------------------------------------

interface Operation {
  name: string;
  document: DocumentNode;
  /** The type of each argument, in document order, wherever it is written. */
  slots: GraphQLInputType[];
  /** A value for each argument that its checks pass: the literal written, the variable's sample, or a plausible value. */
  baseline: Value[];
  as: 'resident' | 'auditor';
}

function slotsOf(schema: GraphQLSchema, document: DocumentNode, samples: Record<string, Value>): Pick<Operation, 'slots' | 'baseline'> {
  const typeInfo = new TypeInfo(schema);
  const slots: GraphQLInputType[] = [];
  const baseline: Value[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) throw new Error('an argument the schema does not know');
        slots.push(argument.type);
        if (node.value.kind === Kind.VARIABLE) baseline.push(samples[node.value.name.value] ?? plausible(argument.type));
        else baseline.push(valueFromASTUntyped(node.value) as Value);
      },
    }),
  );
  return { slots, baseline };
}

function literalOf(value: Value): ValueNode {
  if (value === null) return { kind: Kind.NULL };
  if (typeof value === 'string') return { kind: Kind.STRING, value };
  if (typeof value === 'boolean') return { kind: Kind.BOOLEAN, value };
  if (typeof value === 'number') {
    const text = Object.is(value, -0) ? '-0' : String(value);
    return /^-?\d+$/.test(text) ? { kind: Kind.INT, value: text } : { kind: Kind.FLOAT, value: text };
  }
  if (Array.isArray(value)) return { kind: Kind.LIST, values: value.map(literalOf) };
  if (isRaw(value)) return /^-?\d+$/.test(value.raw) ? { kind: Kind.INT, value: value.raw } : { kind: Kind.FLOAT, value: value.raw };
  if (isEnum(value)) return { kind: Kind.ENUM, value: value.enum };
  return { kind: Kind.OBJECT, fields: Object.entries(value).map(([name, v]) => ({ kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: name }, value: literalOf(v) })) };
}

/**
 * The operation with every argument replaced: by a variable of the argument's own type carrying
 * the value, or by the value written in as a literal. Raw numbers reach the JSON body as written.
 */
function request(operation: Operation, values: Value[], mode: 'variables' | 'literals'): string {
  let index = 0;
  const definitions: VariableDefinitionNode[] = [];
  const variables: Record<string, Value> = {};
  const document = visit(operation.document, {
    VariableDefinition: () => null,
    Argument(node) {
      const at = index++;
      const value = values[at] ?? null;
      if (mode === 'literals') return { ...node, value: literalOf(value) };
      const name = `a${at}`;
      definitions.push({ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }, type: parseType(String(operation.slots[at])) });
      variables[name] = value;
      return { ...node, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } } };
    },
    OperationDefinition: { leave: (node) => ({ ...node, variableDefinitions: definitions }) },
  });
  const raws: string[] = [];
  const body = JSON.stringify({ query: print(document), variables }, (_key, value: unknown) => {
    if (isRaw(value)) return `\u0000raw-number:${raws.push(value.raw) - 1}`;
    if (isEnum(value)) return value.enum;
    return value;
  });
  return body.replace(/"\\u0000raw-number:(\d+)"/g, (_match, i: string) => raws[Number(i)] ?? 'null');
}

// --- the test --------------------------------------------------------------------------------

const AUDIT_QUERIES: Array<{ name: string; body: string; as: Operation['as'] }> = [
  {
    name: 'AuditTrail',
    as: 'auditor',
    body: 'query AuditTrail($subjectId: ID, $actorId: String, $from: DateTime, $to: DateTime, $first: Int, $after: ID) { auditTrail(subjectId: $subjectId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) { id occurredAt actorKind actorId subjectId subgraph fields } }',
  },
  {
    name: 'MedicalAccessLog',
    as: 'resident',
    body: 'query MedicalAccessLog($first: Int, $after: ID) { me { medicalAccessLog(first: $first, after: $after) { id occurredAt readerKind } } }',
  },
];

describe('bad input, as a property', () => {
  const schema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();
  const dir = join(repoRoot(), 'operations');
  const portal = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.graphql$/, ''), body: readFileSync(join(dir, file), 'utf8'), as: 'resident' as const }));
  const family = demoResidents(new Population()).find((d) => d.key === 'family')!.person;
  const home = new HousingData(new Population()).home(family.id, 0)!;
  /** Sample variables a resident's client would send: real keys of the demo family, so every check is reached. */
  const samples: Record<string, Record<string, Value>> = {
    AvailableSlots: { specialityId: '2', from: '2026-11-23', to: '2026-11-27', first: 5 },
    BookAppointment: { input: { specialityId: '2', doctorId: '1', complexResourceId: '1', startTime: '2026-11-25T10:00:00+03:00', endTime: '2026-11-25T10:15:00+03:00' } },
    CancelAppointment: { appointmentId: '1' },
    MedicalCard: { first: 3 },
    MeterReadingSubmission: { key: 'readings-2026-11' },
    StartParkingSession: { input: { plate: family.vehicles[0]?.plate ?? 'А123ВС77', zone: '0103', minutes: 60 } },
    StopParkingSession: { sessionId: '1' },
    SubmitMeterReadings: { input: { payerCode: home.payerCode, readings: [{ meterId: String(home.meters[0]!.counterId), value: 1 }] }, key: 'readings-2026-11' },
  };
  const operations: Operation[] = [...portal, ...AUDIT_QUERIES].map(({ name, body, as }) => {
    const document = parse(body);
    return { name, document, ...slotsOf(schema, document, samples[name] ?? {}), as };
  });
  const withArguments = operations.filter((o) => o.slots.length > 0);

  let secure: SecureSystem;
  let gateway: RunningGateway;
  const tokens: Record<Operation['as'], string> = { resident: '', auditor: '' };

  beforeAll(async () => {
    secure = await startSecureSystem();
    // Development mode, as the review ran it, without the rate limits that would stop a burst of requests.
    gateway = await secure.startGateway({ production: false, rateLimit: false });
    tokens.resident = await secure.system.tokenFor(family.id);
    tokens.auditor = await secure.system.signOn.issueStaff('audit-office:inspector-1', ['audit:read', 'residents:read'], 'bad input review');
  });
  afterAll(() => secure.close());

  it("answers the review's cases with BAD_USER_INPUT, HTTP 200 or 400, without quoting the value, and sends nothing anywhere", async () => {
    const submit = (key: string, meterId: string, value: string) =>
      `mutation { submitMeterReadings(input: { payerCode: "${home.payerCode}", readings: [{ meterId: ${meterId}, value: ${value} }] }, idempotencyKey: ${key}) { results { status } } }`;
    const meter = JSON.stringify(String(home.meters[0]!.counterId));
    const cases: Array<[Operation['as'], string, Record<string, unknown>?]> = [
      ['resident', submit('"a\\u0000b"', meter, '1')],
      ['resident', submit('$key', meter, '1').replace('mutation {', 'mutation ($key: String!) {'), { key: 'a\u0000b' }],
      ['resident', submit('"k-nul-meter"', '"a\\u0000b"', '1')],
      ['resident', submit('"k-infinite"', meter, '1e400')],
      ['resident', '{ meterReadingSubmission(idempotencyKey: "a\\u0000b") { idempotencyKey } }'],
      ['resident', '{ me { homes { meters { readings(after: "cDo5OTk5LTk5LTk5") { hasNextPage } } } } }'],
      ['resident', '{ me { homes { bills(from: "9999-12-01", to: "9999-12-31") { period } } } }'],
      ['resident', '{ me { medicalAccessLog(after: "9999999999999999999") { id } } }'],
      ['auditor', '{ auditTrail(actorId: "a\\u0000b") { id } }'],
      ['auditor', '{ auditTrail(after: "9999999999999999999") { id } }'],
      ['auditor', '{ auditTrail(from: "0000-01-01T00:00:00Z") { id } }'],
    ];
    for (const [as, query, variables] of cases) {
      secure.system.simulators.housing.stats.reset();
      const reply = await send(gateway.graphqlUrl, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[as]}` },
        body: JSON.stringify({ query, variables }),
      });
      expect({ query, status: [200, 400].includes(reply.status), codes: [...new Set((reply.json?.errors ?? []).map((e) => e.extensions?.code))] }).toEqual({
        query,
        status: true,
        codes: ['BAD_USER_INPUT'],
      });
      for (const quoted of ['\u0000', '\\u0000', '9999999999999999999', '0000-01-01', '9999-12', '1e400', 'Infinity', 'cDo5OTk5']) expect(reply.text).not.toContain(quoted);
      expect(secure.system.simulators.housing.stats.snapshot().endpoints['PUT /api/efp/counters/addIndications/'] ?? 0).toBe(0);
    }
  });

  it('covers every portal operation that takes an argument, and the audit queries', () => {
    expect(withArguments.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'AvailableSlots',
        'BookAppointment',
        'CancelAppointment',
        'MedicalCard',
        'MeterReadingSubmission',
        'ResidentDashboard',
        'StartParkingSession',
        'StopParkingSession',
        'SubmitMeterReadings',
        'AuditTrail',
        'MedicalAccessLog',
      ]),
    );
    // What takes no argument has nothing to throw at.
    expect(operations.filter((o) => o.slots.length === 0).map((o) => o.name)).toEqual(['HomeMeters']);
  });

  describe.each(['variables', 'literals'] as const)('as %s', (mode) => {
    it.each(withArguments.map((o, i) => [o.name, o, i] as const))('%s: never HTTP 500, never INTERNAL_SERVER_ERROR, never the value echoed', async (_name, operation, i) => {
      // Every argument at once, or one argument (or one field of an input) at a time over the baseline.
      const everything = fc.tuple(...operation.slots.map((type) => valuesFor(type)));
      const oneAtATime = fc
        .nat(operation.slots.length - 1)
        .chain((at) => mutated(operation.baseline[at] ?? null, operation.slots[at]!).map((value) => operation.baseline.map((base, i) => (i === at ? value : base))));
      const property = fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: everything }, { weight: 3, arbitrary: oneAtATime }), async (values) => {
        const reply = await send(gateway.graphqlUrl, {
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[operation.as]}` },
          body: request(operation, values, mode),
        });
        expect(reply.status).not.toBe(500);
        expect(reply.text).not.toContain('INTERNAL_SERVER_ERROR');
        expect(reply.json).toBeDefined();
        for (const error of reply.json?.errors ?? []) {
          expect(error.message).not.toContain(OPEN);
          expect(error.message).not.toContain(CLOSE);
        }
      });
      await fc.assert(property, { seed: SEED + i + (mode === 'literals' ? 1_000 : 0), numRuns: RUNS });
    });
  });
});
