import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../platform/config';
import { buildSchemaArtifacts, writeSchemaArtifacts } from '../../schema';
import { CHANGES_FILE, type CheckProblem, formatSchemaCheck, releaseSchema, runSchemaCheck, type SchemaCheckReport } from '../../schema/checks';

/** A temporary copy of schema/ and operations/ that a test changes as a department would. */
class Fixture {
  readonly root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  readonly schemaDir = join(this.root, 'schema');
  readonly operationsDir = join(this.root, 'operations');

  constructor() {
    cpSync(join(repoRoot(), 'schema'), this.schemaDir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
    cpSync(join(repoRoot(), 'operations'), this.operationsDir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
  }

  /** Replaces `from` (which must occur exactly once) in a file under the fixture. */
  edit(file: string, from: string, to: string): this {
    const path = join(this.root, file);
    const text = readFileSync(path, 'utf8');
    if (text.split(from).length !== 2) throw new Error(`${file}: expected "${from}" exactly once`);
    writeFileSync(path, text.replace(from, to));
    return this;
  }

  write(file: string, text: string): this {
    writeFileSync(join(this.root, file), text);
    return this;
  }

  /** `npm run compose` in the fixture, so a check sees only the change itself, not stale files. */
  compose(): this {
    const outcome = buildSchemaArtifacts(this.schemaDir);
    if (!outcome.ok) throw new Error('the fixture does not compose');
    writeSchemaArtifacts(this.schemaDir, outcome.artifacts);
    return this;
  }

  async check(): Promise<SchemaCheckReport> {
    return (await runSchemaCheck({ schemaDir: this.schemaDir, operationsDir: this.operationsDir, today: new Date('2026-12-01T00:00:00Z') })).report;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const fixtures: Fixture[] = [];
function fixture(): Fixture {
  const created = new Fixture();
  fixtures.push(created);
  return created;
}
afterAll(() => {
  for (const f of fixtures) f.remove();
});

/** The problems of a report as `KIND: what` lines, and the formatted output, for readable assertions. */
function failures(report: SchemaCheckReport): { kinds: string[]; text: string } {
  return { kinds: [...new Set(report.problems.map((p: CheckProblem) => p.kind))], text: formatSchemaCheck(report) };
}

describe('npm run schema:check', () => {
  it('passes on the graph as committed', async () => {
    const report = await runSchemaCheck({ schemaDir: join(repoRoot(), 'schema'), operationsDir: join(repoRoot(), 'operations') });
    expect(formatSchemaCheck(report.report)).toMatch(/^schema check: PASSED/);
  });

  it('fails on a removed field, naming it and the contract it was in', async () => {
    const report = await fixture().edit('schema/health.graphql', '  validUntil: DateTime!\n  clinicName: String\n', '  validUntil: DateTime!\n').compose().check();
    const { kinds, text } = failures(report);
    // MedicalCard.graphql selects referrals' clinicName, so the registered operation breaks too.
    expect(kinds).toEqual(['breaking change', 'operation']);
    expect(text).toContain("✗ BREAKING CHANGE: Field 'clinicName' was removed from object type 'Referral'");
    expect(text).toContain('Referral: schema/health.graphql:');
    expect(text).toContain('"type": "FIELD_REMOVED"');
    expect(text).toContain('operations/MedicalCard.graphql does not validate');
  });

  it('fails on a changed field type', async () => {
    const report = await fixture().edit('schema/school.graphql', '  weight: Int!\n', '  weight: String!\n').compose().check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['breaking change']);
    expect(text).toContain("Field 'Mark.weight' changed type from 'Int!' to 'String!'");
    expect(text).toMatch(/Mark\.weight: schema\/school\.graphql:\d+ \(school\)/);
  });

  it('fails on a new required argument, and names the registered operation it breaks', async () => {
    const report = await fixture().edit('schema/health.graphql', '  specialities: [Speciality!]!', '  specialities(region: String!): [Speciality!]!').compose().check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['breaking change', 'operation']);
    expect(text).toContain("Argument 'region: String!' added to field 'Query.specialities'");
    expect(text).toContain('operations/AvailableSlots.graphql does not validate against the API schema and the "public" variant');
  });

  it('fails on a removed enum value', async () => {
    const report = await fixture().edit('schema/health.graphql', '  RESEARCH\n  EPICRISIS\n', '  RESEARCH\n').compose().check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['breaking change']);
    expect(text).toContain("Enum value 'EPICRISIS' was removed from enum 'MedicalDocumentKind'");
  });

  it('fails on a composition conflict between two subgraphs, naming both, the field and what to do', async () => {
    const report = await fixture().edit('schema/school.graphql', '  kopecks: Int!', '  kopecks: String!').check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['composition']);
    expect(text).toContain('✗ COMPOSITION: Type of field "Money.kopecks" is incompatible across subgraphs');
    expect(text).toMatch(/schema\/school\.graphql:\d+ \(school\)/);
    expect(text).toMatch(/schema\/housing\.graphql:\d+ \(housing\)/);
    expect(text).toContain('to do  Give the field the same type in every contract');
  });

  it('fails on a registered operation that does not validate, though no change is breaking', async () => {
    const report = await fixture().write('operations/MyChildren.graphql', 'query MyChildren {\n  me {\n    children { fullName nickname }\n  }\n}\n').check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['operation']);
    expect(text).toContain('operations/MyChildren.graphql does not validate');
    expect(text).toContain('Cannot query field "nickname" on type "Resident"');
    expect(text).toContain('operations/MyChildren.graphql:3');
  });

  it('passes an additive change and lists it as safe', async () => {
    const report = await fixture().edit('schema/health.graphql', '  clinicName: String\n}', '  clinicName: String\n  doctorName: String\n}').compose().check();
    expect(report.ok).toBe(true);
    expect(formatSchemaCheck(report)).toMatch(/safe\s+Field 'doctorName' was added to object type 'Referral'/);
  });

  it('lists a dangerous change without failing', async () => {
    const report = await fixture().edit('schema/health.graphql', '  RESEARCH\n', '  RESEARCH\n  VACCINATION\n').compose().check();
    expect(report.ok).toBe(true);
    expect(formatSchemaCheck(report)).toMatch(/dangerous\s+Enum value 'VACCINATION' was added to enum 'MedicalDocumentKind'/);
  });

  it('passes a breaking change recorded with a reason, and shows the record', async () => {
    const f = fixture().edit('schema/school.graphql', '  weight: Int!\n', '  weight: String!\n').compose();
    const suggested = (await f.check()).problems[0]?.todo ?? '';
    const record = JSON.parse(suggested.slice(suggested.indexOf('{'))) as Record<string, string>;
    f.write(CHANGES_FILE.replace(/^/, 'schema/'), JSON.stringify({ changes: [{ ...record, reason: 'Weights become labels; the diary app was changed first.', by: 'school department' }] }));
    const report = await f.check();
    expect(report.ok).toBe(true);
    expect(formatSchemaCheck(report)).toContain('(recorded: school department, 2026-12-01: Weights become labels; the diary app was changed first.)');
  });

  it('does not accept a record whose reason is still the placeholder', async () => {
    const f = fixture().edit('schema/school.graphql', '  weight: Int!\n', '  weight: String!\n').compose();
    const suggested = (await f.check()).problems[0]?.todo ?? '';
    f.write(`schema/${CHANGES_FILE}`, JSON.stringify({ changes: [JSON.parse(suggested.slice(suggested.indexOf('{')))] }));
    expect(failures(await f.check()).kinds).toEqual(['changes file', 'breaking change']);
  });

  it('still fails on a recorded breaking change that breaks a registered operation', async () => {
    const f = fixture().edit('schema/health.graphql', '  validUntil: DateTime!\n  clinicName: String\n', '  validUntil: DateTime!\n').compose();
    f.write(
      `schema/${CHANGES_FILE}`,
      JSON.stringify({
        changes: [
          {
            type: 'FIELD_REMOVED',
            path: 'Referral.clinicName',
            message: "Field 'clinicName' was removed from object type 'Referral'",
            reason: 'EMIAS stops sending it.',
            by: 'health',
            date: '2026-12-01',
          },
        ],
      }),
    );
    expect(failures(await f.check()).kinds).toEqual(['operation']);
  });

  it('fails when the supergraph is stale', async () => {
    const { kinds, text } = failures(await fixture().edit('schema/health.graphql', '  clinicName: String\n}', '  clinicName: String\n  doctorName: String\n}').check());
    expect(kinds).toEqual(['stale']);
    expect(text).toContain('schema/supergraph.graphql (differs)');
    expect(text).toContain('Run `npm run compose`');
  });

  it('fails when a variant is stale, and when a variant file has no definition left', async () => {
    const f = fixture().edit('schema/contracts/health-staff.json', '"include": ["staff", "identity", "health"]', '"include": ["staff", "health"]');
    expect(failures(await f.check()).text).toContain('schema/contracts/health-staff.graphql (differs)');
    rmSync(join(f.schemaDir, 'contracts/health-staff.json'));
    expect(failures(await f.check()).text).toContain('schema/contracts/health-staff.graphql (orphaned)');
  });

  it('names the contract when a variant cannot be built', async () => {
    const report = await fixture().edit('schema/residents.graphql', 'type Address @tag(name: "identity") {', 'type Address @tag(name: "identity") @tag(name: "audit") {').check();
    const { kinds, text } = failures(report);
    expect(kinds).toEqual(['contract']);
    expect(text).toContain('Contract "public"');
    expect(text).toContain('Resident.registeredAddress');
  });
});

describe('npm run schema:release', () => {
  it('moves the baseline to the graph as composed now and clears the records it carries', async () => {
    const f = fixture().edit('schema/school.graphql', '  weight: Int!\n', '  weight: String!\n').compose();
    const record = {
      type: 'FIELD_TYPE_CHANGED',
      path: 'Mark.weight',
      message: "Field 'Mark.weight' changed type from 'Int!' to 'String!'",
      reason: 'Agreed with the diary app.',
      by: 'school',
      date: '2026-12-01',
    };
    f.write(`schema/${CHANGES_FILE}`, JSON.stringify({ changes: [record] }));
    const released = await releaseSchema({ schemaDir: f.schemaDir, operationsDir: f.operationsDir });
    expect(released.ok && released.cleared).toEqual([record]);
    expect(JSON.parse(readFileSync(join(f.schemaDir, CHANGES_FILE), 'utf8'))).toEqual({ changes: [] });
    expect(readFileSync(join(f.schemaDir, 'released/api.graphql'), 'utf8')).toContain('weight: String!');
    const after = await f.check();
    expect(after.ok).toBe(true);
    expect(after.changes).toEqual([]);
  });

  it('refuses while a breaking change is not recorded', async () => {
    const f = fixture().edit('schema/school.graphql', '  weight: Int!\n', '  weight: String!\n').compose();
    const released = await releaseSchema({ schemaDir: f.schemaDir, operationsDir: f.operationsDir });
    expect(released.ok).toBe(false);
    expect(readFileSync(join(f.schemaDir, 'released/api.graphql'), 'utf8')).toContain('weight: Int!');
  });
});
