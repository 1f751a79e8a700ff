import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { contractDifferences } from './contract-comparison';

const CONTRACT = /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
type Resident @key(fields: "id") {
  id: ID!
  omsNumber: String @external
  """The card."""
  card: Card @requires(fields: "omsNumber")
}
type Card { number: String! pages(first: Int = 10): Int }
`;

describe('contractDifferences', () => {
  it('finds none when the subgraph serves its contract, whatever the layout, descriptions and federation machinery', async () => {
    const served = printSubgraphSchema(buildSubgraphSchema(parse(CONTRACT.replace('"""The card."""', '"""Another description."""'))));
    expect(await contractDifferences(CONTRACT, served)).toEqual([]);
  });

  it('names a dropped field, a changed type and a changed default', async () => {
    const served = CONTRACT.replace('number: String!', 'number: Int!')
      .replace('pages(first: Int = 10): Int', 'pages(first: Int = 20): Int')
      .replace(' omsNumber: String @external\n', ' omsNumber: String @external\n  extra: String\n');
    expect(await contractDifferences(CONTRACT, served)).toEqual([
      "Field 'extra' was added to object type 'Resident'",
      "Field 'Card.number' changed type from 'String!' to 'Int!'",
      "Default value for argument 'first' on field 'Card.pages' changed from '10' to '20'",
    ]);
  });

  it('names a federation directive served differently', async () => {
    const served = CONTRACT.replace('card: Card @requires(fields: "omsNumber")', 'card: Card').replace('@key(fields: "id")', '@key(fields: "id omsNumber")');
    expect(await contractDifferences(CONTRACT, served)).toEqual([
      'Resident: the contract has @key(fields: "id"), the subgraph serves @key(fields: "id omsNumber")',
      'Resident.card: the contract has @requires(fields: "omsNumber"), the subgraph serves none',
    ]);
  });

  it('says so when the served SDL does not parse', async () => {
    expect((await contractDifferences(CONTRACT, 'type {'))[0]).toMatch(/^the served SDL does not parse/);
  });
});
