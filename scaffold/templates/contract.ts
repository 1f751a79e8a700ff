import type { Blueprint } from '../blueprint';

/**
 * `schema/<name>.graphql`: the department's contract as it starts. It extends the registry's
 * Resident, keyed by the person id, with one field resolved from the department's system: nullable,
 * so an outage of that system nulls the field and nothing above it; tagged with the department's
 * name, as every contract tags its fields for the variants; priced with `@cost` for the gateway's
 * demand limit (one call of the field is one legacy call).
 */
export function contractFile(b: Blueprint): string {
  const { subgraph } = b;
  return `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@tag", "@cost"])

# The ${subgraph.kebab} department's contract, written by \`npm run subgraph:new\` as a starting point:
# make it what the department serves, then \`npm run compose\` and \`npm run codegen\`
# (docs/partners.md). \`@cost(weight:)\` is how many legacy calls one call of a field makes.

"""
An instant, ISO-8601 with its zone offset (Moscow, +03:00).
"""
scalar DateTime

type Resident @key(fields: "id") {
  id: ID!
  """
  The resident's account in ${b.systemTitle}, the ${subgraph.kebab} department's. Null when the
  system keeps no account for the resident, and when it cannot be reached (the error names it).
  """
  ${b.field}: ${b.summaryType} @tag(name: "${subgraph.kebab}") @cost(weight: 1)
}

"""
A resident's account in ${b.systemTitle}, as the department keeps it.
"""
type ${b.summaryType} @tag(name: "${subgraph.kebab}") {
  """
  The account's number in ${b.systemTitle}.
  """
  accountNumber: String!
  status: ${b.statusEnum}!
  """
  What the system counts as open on the account (requests, cases, loans).
  """
  openItems: Int!
  """
  When the system last changed the account.
  """
  updatedAt: DateTime!
}

enum ${b.statusEnum} {
  ACTIVE
  SUSPENDED
  CLOSED
}
`;
}
