import { buildSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { unquotedInput } from './unquoted-input';

/** What graphql-js itself writes for values that do not fit, so the rewrites follow its real wording. */
describe('messages that quote a client value', () => {
  const schema = buildSchema(/* GraphQL */ `
    enum Kind { HEAT WATER }
    input Reading { meterId: ID!, value: Float! }
    type Query { f(i: Int, s: String, b: Boolean, id: ID, x: Float, k: Kind, r: Reading): Int }
  `);
  const SECRET = 'SECRET-112-233-445-95';

  it('are rewritten to name the variable or the type only', () => {
    const literals = [
      `i: "${SECRET}"`,
      `i: 99999999999`,
      `s: 1${'2'.repeat(12)}`,
      `b: "${SECRET}"`,
      `id: 1.5`,
      `x: "${SECRET}"`,
      `k: ${SECRET.replace(/-/g, '_')}`,
      `k: "${SECRET}"`,
      `r: { meterId: "1", value: "${SECRET}" }`,
      `r: "${SECRET}"`,
    ];
    for (const literal of literals) {
      const messages = validate(schema, parse(`{ f(${literal}) }`)).map((e) => e.message);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        const rewritten = unquotedInput(message);
        expect(rewritten).not.toBe(message);
        expect(rewritten).not.toContain(SECRET);
        expect(rewritten).not.toContain(SECRET.replace(/-/g, '_'));
        expect(rewritten).not.toContain('999');
      }
    }
  });

  it('from variables as well, and leave messages that quote nothing alone', () => {
    const document = parse('query ($i: Int, $r: Reading, $k: Kind) { f(i: $i, r: $r, k: $k) }');
    const definitions = (document.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
    for (const inputs of [{ i: SECRET }, { r: { meterId: SECRET, value: SECRET } }, { r: SECRET }, { k: SECRET }, { i: Number.POSITIVE_INFINITY }]) {
      const { errors } = getVariableValues(schema, definitions, inputs);
      expect(errors?.length).toBeGreaterThan(0);
      for (const error of errors ?? []) {
        const rewritten = unquotedInput(error.message);
        expect(rewritten).toMatch(/^Variable "\$(i|r|k)" got a value its type does not take\.$/);
      }
    }
    for (const own of ['A Date is a calendar day written YYYY-MM-DD, from 1900-01-01 to 2999-12-31.', 'Variable "$i" of required type "Int!" was not provided.', 'first is 1..24.']) {
      expect(unquotedInput(own)).toBe(own);
    }
  });
});
