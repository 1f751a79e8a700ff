import { composeServices } from '@apollo/composition';
import { buildSchema, type GraphQLSchema, isObjectType, parse } from 'graphql';
import type { ContractDefinition } from './contract-definition';
import { buildContractVariant } from './contract-variant';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag", "@shareable", "@inaccessible"])';

function supergraphOf(subgraphs: Record<string, string>): string {
  const result = composeServices(Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}`, typeDefs: parse(`${LINK}\n${sdl}`) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

function contract(filter: Partial<Pick<ContractDefinition, 'include' | 'exclude' | 'hideUnreachableTypes'>>): ContractDefinition {
  return { name: 'test', file: 'schema/contracts/test.json', description: 'test', include: [], exclude: [], hideUnreachableTypes: false, registeredOperations: false, ...filter };
}

/** The variant's API schema, or the variant's problems as one string (to assert on). */
function variant(supergraph: string, filter: Parameters<typeof contract>[0]): GraphQLSchema {
  const outcome = buildContractVariant(supergraph, contract(filter));
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.what).join('\n'));
  return buildSchema(outcome.variant.apiSdl);
}

function fieldsOf(schema: GraphQLSchema, type: string): string[] {
  const found = schema.getType(type);
  return found && isObjectType(found) ? Object.keys(found.getFields()) : [];
}

const PEOPLE = supergraphOf({
  people: /* GraphQL */ `
    type Query {
      me: Person
      person(id: ID!): Person @tag(name: "staff")
      audit: [AuditEntry!]! @tag(name: "internal")
    }
    type Person @key(fields: "id") {
      id: ID! @tag(name: "staff")
      name: String! @tag(name: "identity")
      notes: String @tag(name: "internal")
    }
    type AuditEntry @tag(name: "internal") { who: String! }
    enum Colour { RED GREEN }
  `,
  health: /* GraphQL */ `
    type Person @key(fields: "id") {
      id: ID!
      card: Card @tag(name: "health")
      privateLog(first: Int @tag(name: "internal")): [String!]!
    }
    type Card @tag(name: "health") { number: String! secret: String @tag(name: "internal") }
  `,
});

describe('a contract variant', () => {
  it('with only excluded tags keeps everything else, and a type tag counts for its fields', () => {
    const api = variant(PEOPLE, { exclude: ['internal'] });
    expect(fieldsOf(api, 'Query').sort()).toEqual(['me', 'person']);
    expect(fieldsOf(api, 'Person').sort()).toEqual(['card', 'id', 'name', 'privateLog']);
    expect(fieldsOf(api, 'Card')).toEqual(['number']);
    expect(api.getType('AuditEntry')).toBeUndefined();
    // Arguments go by their own tags.
    const privateLog = (api.getType('Person') as ReturnType<typeof api.getQueryType> & object).getFields().privateLog;
    expect(privateLog?.args.map((a) => a.name)).toEqual([]);
  });

  it('with included tags keeps only the tagged fields, and a type that keeps one of them', () => {
    const api = variant(PEOPLE, { include: ['staff', 'health'] });
    expect(fieldsOf(api, 'Query')).toEqual(['person']);
    expect(fieldsOf(api, 'Person').sort()).toEqual(['card', 'id']);
    // Card is tagged as a type: all its fields come along.
    expect(fieldsOf(api, 'Card').sort()).toEqual(['number', 'secret']);
    expect(api.getMutationType()).toBeUndefined();
  });

  it('lets an excluded tag win over an included one', () => {
    const api = variant(PEOPLE, { include: ['staff', 'health'], exclude: ['internal'] });
    expect(fieldsOf(api, 'Card')).toEqual(['number']);
  });

  it('drops a type whose every field is excluded', () => {
    const supergraph = supergraphOf({ a: 'type Query { a: A @tag(name: "x") b: Int }\ntype A { one: Int @tag(name: "x") two: Int @tag(name: "x") }' });
    const api = variant(supergraph, { exclude: ['x'] });
    expect(api.getType('A')).toBeUndefined();
    expect(fieldsOf(api, 'Query')).toEqual(['b']);
  });

  it('drops a union whose every member is excluded, and keeps one with a member left', () => {
    const supergraph = supergraphOf({
      a: /* GraphQL */ `
        type Query { media: Media @tag(name: "x") others: Others }
        union Media = Book | Film
        union Others = Book | Song
        type Book @tag(name: "x") { title: String }
        type Film @tag(name: "x") { title: String }
        type Song { title: String }
      `,
    });
    const api = variant(supergraph, { exclude: ['x'] });
    expect(api.getType('Media')).toBeUndefined();
    expect(api.getType('Others')).toBeDefined();
    expect(api.getType('Book')).toBeUndefined();
  });

  it('drops an interface field whose type it dropped', () => {
    const supergraph = supergraphOf({
      a: /* GraphQL */ `
        type Query { node: Node }
        interface Node { id: ID! secret: Secret }
        type Thing implements Node { id: ID! secret: Secret @tag(name: "x") }
        type Secret @tag(name: "x") { value: String }
      `,
    });
    const api = variant(supergraph, { exclude: ['x'] });
    expect(Object.keys((api.getType('Node') as unknown as { getFields(): object }).getFields())).toEqual(['id']);
  });

  it('hides types nothing reaches any more only when asked to', () => {
    expect(variant(PEOPLE, { include: ['staff'] }).getType('Colour')).toBeDefined();
    expect(variant(PEOPLE, { include: ['staff'], hideUnreachableTypes: true }).getType('Colour')).toBeUndefined();
  });

  it('is refused, naming the field, when a kept field returns a type the contract leaves out', () => {
    const supergraph = supergraphOf({ a: 'type Query { a: A b: Int }\ntype A @tag(name: "x") { one: Int }' });
    const outcome = buildContractVariant(supergraph, contract({ exclude: ['x'] }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.map((p) => p.what).join('\n')).toMatch(/Query\.a/);
  });

  it('is refused when it would hide a required argument of a field it keeps', () => {
    const supergraph = supergraphOf({ a: 'type Query { a(id: ID! @tag(name: "x")): Int b: Int }' });
    const outcome = buildContractVariant(supergraph, contract({ exclude: ['x'] }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.what).toMatch(/Query\.a\(id:\)/);
  });

  it('writes a supergraph that hides the same elements with @inaccessible', () => {
    const outcome = buildContractVariant(PEOPLE, contract({ exclude: ['internal'] }));
    if (!outcome.ok) throw new Error('variant refused');
    expect(outcome.variant.hidden).toEqual(expect.arrayContaining(['AuditEntry', 'Query.audit', 'Person.notes', 'Card.secret']));
    expect(outcome.variant.supergraphSdl).toMatch(/notes: String [^\n]*@inaccessible/);
  });
});
