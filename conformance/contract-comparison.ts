import { diff } from '@graphql-inspector/core';
import { buildASTSchema, type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type GraphQLSchema, isTypeDefinitionNode, isTypeExtensionNode, Kind, parse, print } from 'graphql';

/**
 * Federation's directives: how the gateway plans against a subgraph. A served schema that drops a
 * @requires or changes a @key is not the contract, though its types look the same.
 */
const FEDERATION_DIRECTIVES = new Set([
  'key',
  'requires',
  'provides',
  'external',
  'shareable',
  'inaccessible',
  'override',
  'tag',
  'interfaceObject',
  'extends',
  'composeDirective',
  'authenticated',
  'requiresScopes',
  'policy',
  'context',
  'fromContext',
  'cost',
  'listSize',
]);

/**
 * How the SDL a subgraph serves at `_service { sdl }` differs from its contract, compared as
 * schemas: types, fields, arguments, values and federation directives; descriptions, order and
 * layout do not count. Empty when the subgraph serves its contract.
 */
export async function contractDifferences(contractSdl: string, servedSdl: string): Promise<string[]> {
  let served: DocumentNode;
  try {
    served = parse(servedSdl);
  } catch (error) {
    return [`the served SDL does not parse: ${(error as Error).message}`];
  }
  const contract = withoutFederationMachinery(parse(contractSdl));
  served = withoutFederationMachinery(served);
  let servedSchema: GraphQLSchema;
  try {
    servedSchema = buildASTSchema(served, { assumeValidSDL: true });
  } catch (error) {
    return [`the served SDL is not a schema: ${(error as Error).message}`];
  }
  const shape = (await diff(buildASTSchema(contract, { assumeValidSDL: true }), servedSchema))
    .filter((change) => !/DESCRIPTION|^DIRECTIVE_/.test(String(change.type)))
    .map((change) => change.message);
  return [...shape, ...federationDirectiveDifferences(contract, served)];
}

/** Each element's federation directives, normalised, compared between the contract and the served SDL. */
function federationDirectiveDifferences(contract: DocumentNode, served: DocumentNode): string[] {
  const expected = federationDirectivesOf(contract);
  const actual = federationDirectivesOf(served);
  const differences: string[] = [];
  for (const coordinate of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = (expected.get(coordinate) ?? []).sort();
    const got = (actual.get(coordinate) ?? []).sort();
    if (want.join(' ') !== got.join(' ')) {
      differences.push(`${coordinate}: the contract has ${want.join(' ') || 'no federation directive'}, the subgraph serves ${got.join(' ') || 'none'}`);
    }
  }
  return differences;
}

function federationDirectivesOf(document: DocumentNode): Map<string, string[]> {
  const byCoordinate = new Map<string, string[]>();
  const add = (coordinate: string, directives: ReadonlyArray<ConstDirectiveNode> | undefined): void => {
    const found = (directives ?? []).flatMap((directive) => {
      const name = directive.name.value.replace(/^federation__/, '');
      return FEDERATION_DIRECTIVES.has(name) ? [normalised(name, directive)] : [];
    });
    if (found.length > 0) byCoordinate.set(coordinate, [...(byCoordinate.get(coordinate) ?? []), ...found]);
  };
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const type = definition.name.value;
    add(type, definition.directives);
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        add(`${type}.${field.name.value}`, field.directives);
        if ('arguments' in field) for (const arg of field.arguments ?? []) add(`${type}.${field.name.value}(${arg.name.value}:)`, arg.directives);
      }
    }
    if ('values' in definition) for (const value of definition.values ?? []) add(`${type}.${value.name.value}`, value.directives);
  }
  return byCoordinate;
}

/** `@requires(fields: "a  b{c}")` as `@requires(fields: "a b { c }")`: field sets compared as selections. */
function normalised(name: string, directive: ConstDirectiveNode): string {
  const args = [...(directive.arguments ?? [])]
    .sort((a, b) => a.name.value.localeCompare(b.name.value))
    .map((arg) => {
      if (arg.name.value === 'fields' && arg.value.kind === Kind.STRING) {
        try {
          const selection = print(parse(`{ ${arg.value.value} }`))
            .replace(/\s+/g, ' ')
            .trim();
          return `fields: ${JSON.stringify(selection.slice(2, -2))}`;
        } catch {
          return `fields: ${JSON.stringify(arg.value.value)}`;
        }
      }
      return `${arg.name.value}: ${print(arg.value)}`;
    });
  return `@${name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
}

/** Types a subgraph library adds of itself: `_Any`, `_Service`, `_Entity`, and the linked specs' (`link__Purpose`). */
const MACHINERY_TYPES = new Set(['_Any', '_Service', '_Entity', '_FieldSet']);
const MACHINERY_FIELDS = new Set(['_entities', '_service']);

/**
 * The SDL without what `@apollo/subgraph` adds to every subgraph (`_service`, `_entities` and
 * their types, the linked specs' definitions): a library may print it or not, and it is no
 * part of what a department wrote.
 */
function withoutFederationMachinery(document: DocumentNode): DocumentNode {
  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) return [];
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) return [definition];
    const name = definition.name.value;
    if (MACHINERY_TYPES.has(name) || name.includes('__')) return [];
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && name === 'Query') {
      const fields = (definition.fields ?? []).filter((field) => !MACHINERY_FIELDS.has(field.name.value));
      if (fields.length === 0 && (definition.directives ?? []).length === 0) return [];
      return [{ ...definition, fields }];
    }
    return [definition];
  });
  return { ...document, definitions };
}
