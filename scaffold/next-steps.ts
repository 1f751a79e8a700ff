import type { Blueprint } from './blueprint';
import type { Registration } from './registrations';

/**
 * What a department does after the command, in the order docs/partners.md ("Add a subgraph")
 * gives it: make the stub real, check, run, verify, document, and roll it out.
 */
export function nextSteps(b: Blueprint, skipped: readonly Registration[]): string[] {
  const { subgraph: n, system: s } = b;
  return [
    `Make it the department's: the contract (schema/${n.kebab}.graphql), the adapter (adapters/${s.kebab}: port, client, wire, mapper, errors) and the simulator (legacy/${s.kebab}) are a working stub of one call; change them to what the department serves and its system speaks, then npm run compose && npm run codegen.`,
    `Check it: npx tsc -p tsconfig.json --noEmit; npm run schema:check; its tests: subgraphs/${n.kebab}/${n.kebab}.integration.test.ts and adapters/${s.kebab}/mapper.test.ts.`,
    `Run it: npm start, then as the family demo resident: { me { fullName ${b.field} { accountNumber status openItems updatedAt } } }. Staff read it with the scope ${b.scope}: npm run token -- staff clerk-1 ${b.scope},residents:read "case 1".`,
    `Verify it: npm run contract:verify -- --subgraph ${n.kebab} --url <subgraph:${n.kebab} from npm start> --owner-url residents=<subgraph:residents from npm start>.`,
    `Document it: legacy/${s.kebab}/README.md and a row in legacy/README.md; its variables (${s.constant}_URL, ${s.constant}_SERVICE_TOKEN) in the README's "Run each service alone"; a contract variant for its staff tools if they need one (schema/contracts/${n.kebab}-staff.json, docs/partners.md); in production its autoscaler takes the subgraphs' common size (deploy/kubernetes/overlays/production): change it there if it needs another.`,
    ...skipped.map((registration) => `By hand (the command could not find where): ${registration.what} in ${registration.file}.`),
    `Roll it out (docs/partners.md, "Roll a change out"): the subgraph first, its SUBGRAPH_${n.constant}_URL given to the gateway, then the supergraph.`,
  ];
}
