import { errorCodeDef } from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

/**
 * A composition error as a department reads it: what is wrong (Apollo's message, which names the
 * subgraphs and types), where (file and line in each contract involved), why composition refuses
 * it, and what to do about it.
 */
export interface CompositionProblem {
  /** Apollo's error code (`FIELD_TYPE_MISMATCH`), for looking it up in Apollo's error reference. */
  code: string;
  what: string;
  /** `schema/housing.graphql:18`, one per place the error points at. */
  where: string[];
  /** The subgraphs involved, from the places and the message. */
  subgraphs: string[];
  /** The types and fields the message names (`Money.kopecks`). */
  coordinates: string[];
  why: string;
  todo: string;
}

/**
 * What to do, for the composition errors a department meets most; the rest get the general advice.
 * Each says which contract to change and how, because Apollo's message says only what clashed.
 */
const WHAT_TO_DO: Record<string, string> = {
  INVALID_GRAPHQL: 'Fix the GraphQL at the place given: the contract must parse and follow the GraphQL and Federation 2 rules.',
  FIELD_TYPE_MISMATCH:
    'Give the field the same type in every contract that declares it (nullability may differ only where the rules allow). The subgraph that owns the type decides; agree the change with the other departments named.',
  EXTERNAL_TYPE_MISMATCH: 'Declare the @external field with exactly the type its owning subgraph gives it.',
  FIELD_ARGUMENT_TYPE_MISMATCH: 'Give the argument the same type in every contract that declares the field.',
  INVALID_FIELD_SHARING: 'Either mark the field @shareable in every contract that resolves it, or resolve it in one subgraph only and use @external with @requires or @provides elsewhere.',
  EXTERNAL_MISSING_ON_BASE: 'No subgraph resolves this @external field: add it to the subgraph that owns the type, or stop declaring it.',
  REQUIRES_INVALID_FIELDS: 'The @requires field set names fields that do not exist on the type: correct the field set or declare those fields @external.',
  KEY_INVALID_FIELDS: 'The @key field set names fields that do not exist or take arguments: correct the key.',
  PROVIDES_INVALID_FIELDS: 'The @provides field set names fields that do not exist on the returned type: correct the field set.',
  TYPE_KIND_MISMATCH: 'Declare the type with the same kind (type, interface, input, enum, union, scalar) in every contract.',
  ENUM_VALUE_MISMATCH: 'An enum used in arguments and in results must have the same values in every contract that declares it.',
  SATISFIABILITY_ERROR:
    'Some query could not be planned: a field is reachable only through a subgraph that cannot fetch the entity it needs. Add a @key for the type in that subgraph, or move the field to a subgraph that can reach it.',
  NO_CONTRACTS: 'Put at least one subgraph contract (`<name>.graphql`) in the schema folder.',
};

const GENERAL_ADVICE = "Change the contracts named above so they compose, then run `npm run schema:check` again; the code is explained in Apollo Federation's composition error reference.";

/** A composition (or parse) error in words a department can act on. */
export function compositionProblemOf(error: GraphQLError, contracts: ReadonlyArray<{ name: string; file: string }>): CompositionProblem {
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'INVALID_GRAPHQL';
  const subgraphByFile = new Map(contracts.map((contract) => [contract.file, contract.name]));
  const subgraphs = new Set<string>();
  const where = placesOf(error).map(({ file, line }) => {
    const name = subgraphByFile.get(file);
    if (name) subgraphs.add(name);
    return `${file}:${line}${name ? ` (${name})` : ''}`;
  });
  for (const name of subgraphsNamedIn(error.message)) subgraphs.add(name);
  return {
    code,
    what: error.message,
    where,
    subgraphs: [...subgraphs],
    coordinates: coordinatesNamedIn(error.message),
    why: errorCodeDef(code)?.description ?? 'The contracts cannot be merged into one graph as they stand.',
    todo: WHAT_TO_DO[code] ?? GENERAL_ADVICE,
  };
}

/** The file and line of each node (composition errors) or position (parse errors) the error carries. */
function placesOf(error: GraphQLError): Array<{ file: string; line: number }> {
  const places = new Map<string, { file: string; line: number }>();
  const add = (file: string, line: number): void => void places.set(`${file}:${line}`, { file, line });
  for (const node of error.nodes ?? []) if (node.loc) add(node.loc.source.name, node.loc.startToken.line);
  if (places.size === 0 && error.source && error.locations) for (const location of error.locations) add(error.source.name, location.line);
  return [...places.values()];
}

/** Names in `subgraph "a"` and `subgraphs "a", "b" and "c"`. */
function subgraphsNamedIn(message: string): string[] {
  const names: string[] = [];
  for (const match of message.matchAll(/subgraphs? ((?:"[^"]+"(?:, | and )?)+)/g)) {
    for (const name of (match[1] ?? '').matchAll(/"([^"]+)"/g)) if (name[1]) names.push(name[1]);
  }
  return names;
}

/** Quoted `Type.field` coordinates in the message. */
function coordinatesNamedIn(message: string): string[] {
  return [...new Set([...message.matchAll(/"([A-Za-z_]\w*\.[A-Za-z_]\w*)(?:\([^)]*\))?"/g)].map((match) => match[1] ?? ''))].filter(Boolean);
}
