import { errorCauses, errorCodeDef } from '@apollo/federation-internals';
import {
  buildASTSchema,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
  type SchemaDefinitionNode,
} from 'graphql';
import { apiSchemaSdl } from '../api-schema';
import type { ContractDefinition, ContractProblem } from './contract-definition';
import { type FilterDirectiveNames, hiddenElements } from './tag-filter';

/** A contract variant as composition writes it. */
export interface ContractVariant {
  definition: ContractDefinition;
  /**
   * The source supergraph with every element the contract hides marked @inaccessible: what
   * Apollo calls the contract supergraph. Any Federation 2 gateway serves it as it is, planning
   * against all subgraphs while clients see, query and introspect only the variant.
   */
  supergraphSdl: string;
  /** The API schema the variant's clients see, printed. */
  apiSdl: string;
  /** What the contract hides, as schema coordinates, sorted. */
  hidden: string[];
}

export type VariantOutcome = { ok: true; variant: ContractVariant } | { ok: false; problems: ContractProblem[] };

const INACCESSIBLE_SPEC = 'https://specs.apollo.dev/inaccessible/v0.2';

/** Applies a contract to the composed supergraph. Never throws for a fault of the contract or the tags. */
export function buildContractVariant(sourceSupergraphSdl: string, definition: ContractDefinition): VariantOutcome {
  const document = parse(sourceSupergraphSdl);
  const names = directiveNames(document);
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const hidden = hiddenElements(schema, definition, names);
  const marked = markInaccessible(ensureInaccessibleLinked(document, names), hidden, names.inaccessible);
  const header = `# Written by \`npm run compose\` from ${definition.file} and the contracts in schema/. Do not edit.\n`;
  const supergraphSdl = `${header}${print(marked)}\n`;
  try {
    return { ok: true, variant: { definition, supergraphSdl, apiSdl: apiSchemaSdl(supergraphSdl), hidden: [...hidden].sort() } };
  } catch (error) {
    const causes = errorCauses(error as Error) ?? [];
    if (causes.length === 0) throw error;
    return {
      ok: false,
      problems: causes.map((cause) => {
        const code = typeof cause.extensions.code === 'string' ? cause.extensions.code : '';
        return {
          contract: definition.name,
          what: `Contract "${definition.name}": ${cause.message}`,
          where: [definition.file],
          why: `${errorCodeDef(code)?.description ?? 'The variant would not be a valid schema.'} Clients of the variant could not be served.`,
          todo: "Tag the elements consistently: give every field that returns a tagged type the same tag (and the type of every tagged field a tag the contract keeps), or change the contract's include/exclude lists.",
        };
      }),
    };
  }
}

/** The names the supergraph's `@link`s give @tag and @inaccessible, and the linked specs' type prefixes. */
function directiveNames(document: DocumentNode): FilterDirectiveNames {
  const links = linksOf(document);
  const nameOf = (spec: string): string => links.find((link) => link.spec === spec)?.name ?? spec;
  return { tag: nameOf('tag'), inaccessible: nameOf('inaccessible'), specPrefixes: links.map((link) => `${link.name}__`) };
}

/** Each `@link(url:, as:)` on the schema: the spec's name (`tag`) and the name it goes by here. */
function linksOf(document: DocumentNode): Array<{ spec: string; name: string; url: string }> {
  const links: Array<{ spec: string; name: string; url: string }> = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const arg = (name: string): string | undefined => {
        const value = directive.arguments?.find((a) => a.name.value === name)?.value;
        return value?.kind === Kind.STRING ? value.value : undefined;
      };
      const url = arg('url');
      // https://specs.apollo.dev/<spec>/v<version>
      const spec = url?.split('/').at(-2);
      if (url && spec) links.push({ spec, name: arg('as') ?? spec, url });
    }
  }
  return links;
}

/** A supergraph whose subgraphs never used @inaccessible has no link to it yet: add the link and the directive. */
function ensureInaccessibleLinked(document: DocumentNode, names: FilterDirectiveNames): DocumentNode {
  if (linksOf(document).some((link) => link.spec === 'inaccessible')) return document;
  const extra = parse(/* GraphQL */ `
    schema @link(url: "${INACCESSIBLE_SPEC}", for: SECURITY) { query: Query }
    directive @${names.inaccessible} on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  `);
  const [schemaWithLink, directiveDefinition] = extra.definitions as [SchemaDefinitionNode, DefinitionNode];
  const definitions = document.definitions.map((definition) =>
    definition.kind === Kind.SCHEMA_DEFINITION ? { ...definition, directives: [...(definition.directives ?? []), ...(schemaWithLink.directives ?? [])] } : definition,
  );
  return { ...document, definitions: [...definitions, directiveDefinition] };
}

/** The document with `@inaccessible` added to every hidden element. */
function markInaccessible(document: DocumentNode, hidden: ReadonlySet<string>, inaccessible: string): DocumentNode {
  const directive: ConstDirectiveNode = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: inaccessible } };
  const mark = <T extends { readonly directives?: ReadonlyArray<ConstDirectiveNode> }>(node: T, coordinate: string): T =>
    hidden.has(coordinate) ? { ...node, directives: [...(node.directives ?? []), directive] } : node;
  const field =
    (typeName: string) =>
    (node: FieldDefinitionNode): FieldDefinitionNode => {
      const coordinate = `${typeName}.${node.name.value}`;
      return { ...mark(node, coordinate), arguments: node.arguments?.map((arg) => mark(arg, `${coordinate}(${arg.name.value}:)`)) };
    };
  const inputField =
    (typeName: string) =>
    (node: InputValueDefinitionNode): InputValueDefinitionNode =>
      mark(node, `${typeName}.${node.name.value}`);
  const definitions = document.definitions.map((definition): DefinitionNode => {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        return { ...mark(definition, definition.name.value), fields: definition.fields?.map(field(definition.name.value)) };
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        return { ...mark(definition, definition.name.value), fields: definition.fields?.map(inputField(definition.name.value)) };
      case Kind.ENUM_TYPE_DEFINITION:
        return { ...mark(definition, definition.name.value), values: definition.values?.map((value) => mark(value, `${definition.name.value}.${value.name.value}`)) };
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION:
        return mark(definition, definition.name.value);
      default:
        return definition;
    }
  });
  return { ...document, definitions };
}
