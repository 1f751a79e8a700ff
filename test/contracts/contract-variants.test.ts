import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { buildASTSchema, buildSchema, type ConstDirectiveNode, type GraphQLSchema, isInterfaceType, isObjectType, parse, printSchema, validate } from 'graphql';
import { repoRoot } from '../../platform/config';
import { readCommittedSupergraph, variantApiFile, variantSupergraphFile } from '../../schema';
import { readRegisteredOperations } from '../../schema/checks';
import { type ContractDefinition, readContractDefinitions } from '../../schema/variants';

const schemaDir = join(repoRoot(), 'schema');
const { definitions } = readContractDefinitions(schemaDir);
const variantSchema = (name: string): GraphQLSchema => buildSchema(readFileSync(join(schemaDir, variantApiFile(name)), 'utf8'));

/** Every object and interface field clients see in the full graph, with its tags and its type's. */
function taggedFields(): Array<{ coordinate: string; tags: Set<string> }> {
  const supergraph = buildASTSchema(parse(readCommittedSupergraph()), { assumeValidSDL: true });
  const tagsOf = (directives: ReadonlyArray<ConstDirectiveNode> | undefined): string[] =>
    (directives ?? []).flatMap((d) => (d.name.value === 'tag' && d.arguments?.[0]?.value.kind === 'StringValue' ? [d.arguments[0].value.value] : []));
  const hidden = (directives: ReadonlyArray<ConstDirectiveNode> | undefined): boolean => (directives ?? []).some((d) => d.name.value === 'inaccessible');
  const fields: Array<{ coordinate: string; tags: Set<string> }> = [];
  for (const type of Object.values(supergraph.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__') || type.name.startsWith('join__') || hidden(type.astNode?.directives)) continue;
    for (const field of Object.values(type.getFields())) {
      if (hidden(field.astNode?.directives)) continue;
      fields.push({ coordinate: `${type.name}.${field.name}`, tags: new Set([...tagsOf(type.astNode?.directives), ...tagsOf(field.astNode?.directives)]) });
    }
  }
  return fields;
}

function fieldCoordinates(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if ((isObjectType(type) || isInterfaceType(type)) && !type.name.startsWith('__')) for (const field of Object.keys(type.getFields())) coordinates.add(`${type.name}.${field}`);
  }
  return coordinates;
}

/** Whether the definition's filter keeps a field with these tags (before types emptied or unreachable go). */
function selects(definition: ContractDefinition, tags: Set<string>): boolean {
  if (definition.exclude.some((tag) => tags.has(tag))) return false;
  return definition.include.length === 0 || definition.include.some((tag) => tags.has(tag));
}

describe('contract variants', () => {
  it('are defined for the frontends and for each department’s staff', () => {
    expect(definitions.map((d) => d.name).sort()).toEqual(['health-staff', 'housing-staff', 'parking-staff', 'public', 'school-staff']);
  });

  it.each(definitions.map((d) => [d.name, d] as const))('%s holds exactly the fields its tags select', (name, definition) => {
    const shown = fieldCoordinates(variantSchema(name));
    const all = taggedFields();
    // Nothing it shows is outside its filter ...
    for (const field of all)
      if (shown.has(field.coordinate)) expect({ field: field.coordinate, selected: selects(definition, field.tags) }).toEqual({ field: field.coordinate, selected: true });
    // ... and everything its filter selects is shown, unless its type went (emptied or unreachable).
    for (const field of all) {
      const type = field.coordinate.split('.')[0] ?? '';
      if (selects(definition, field.tags) && [...shown].some((c) => c.startsWith(`${type}.`))) expect(shown).toContain(field.coordinate);
    }
  });

  it('public shows a resident everything but the audit trail, mutations included', () => {
    const shown = fieldCoordinates(variantSchema('public'));
    for (const field of ['Query.me', 'Resident.homes', 'Resident.medicalCard', 'Resident.medicalAccessLog', 'Mutation.bookAppointment', 'Mutation.submitMeterReadings', 'Query.parking']) {
      expect(shown).toContain(field);
    }
    expect(shown).not.toContain('Query.auditTrail');
    expect(variantSchema('public').getType('AuditEvent')).toBeUndefined();
  });

  it('health-staff shows a named resident’s identity and health records, read-only', () => {
    const schema = variantSchema('health-staff');
    const shown = fieldCoordinates(schema);
    for (const field of ['Query.resident', 'Resident.id', 'Resident.fullName', 'Resident.birthDate', 'Resident.appointments', 'Resident.medicalCard', 'MedicalCard.documents'])
      expect(shown).toContain(field);
    for (const field of ['Query.me', 'Query.auditTrail', 'Resident.homes', 'Resident.student', 'Resident.vehicles', 'Resident.medicalAccessLog', 'Query.availableSlots'])
      expect(shown).not.toContain(field);
    expect(schema.getMutationType()).toBeUndefined();
  });

  it.each([
    ['school-staff', 'Resident.student', ['Resident.homes', 'Resident.medicalCard']],
    ['housing-staff', 'Resident.homes', ['Resident.student', 'Meter.submissions', 'Query.meterReadingSubmission']],
    ['parking-staff', 'Resident.vehicles', ['Resident.homes', 'Resident.appointments']],
  ] as const)('%s shows its department’s fields and no other’s', (name, own, others) => {
    const shown = fieldCoordinates(variantSchema(name));
    expect(shown).toContain(own);
    expect(shown).toContain('Resident.fullName');
    for (const field of others) expect(shown).not.toContain(field);
    expect(variantSchema(name).getMutationType()).toBeUndefined();
  });

  it('the registered operations validate against public', () => {
    const schema = variantSchema('public');
    for (const operation of readRegisteredOperations(join(repoRoot(), 'operations'))) {
      expect({ file: operation.file, errors: validate(schema, parse(operation.text)).map((e) => e.message) }).toEqual({ file: operation.file, errors: [] });
    }
  });

  it('a stock gateway loads a variant’s supergraph and serves exactly the variant’s schema', async () => {
    const gateway = new ApolloGateway({ supergraphSdl: readFileSync(join(schemaDir, variantSupergraphFile('health-staff')), 'utf8') });
    try {
      const { schema } = await gateway.load();
      expect(printSchema(schema)).toBe(printSchema(variantSchema('health-staff')));
    } finally {
      await gateway.stop();
    }
  });
});
