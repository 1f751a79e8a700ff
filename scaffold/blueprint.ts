import { type Naming, namingOf } from './names';

/**
 * Everything the templates need to write one new subgraph and the legacy system behind it: the
 * names in every form, the default ports, and the names the generated code gives its parts.
 */
export interface Blueprint {
  subgraph: Naming;
  /** The legacy system it reads (by default named like the subgraph): adapter, simulator, variables. */
  system: Naming;
  /** Its default `PORT` when it runs alone, and its port in Kubernetes and Compose (41xx). */
  subgraphPort: number;
  /** The simulator's default port when it runs alone, and the subgraph's development `<SYSTEM>_URL` (81xx). */
  simulatorPort: number;
  /** The Resident field the contract starts with: `librarySummary`. */
  field: string;
  /** Its GraphQL type, `LibrarySummary`, and the status enum, `LibraryAccountStatus`. */
  summaryType: string;
  statusEnum: string;
  /** The domain type of the adapter: `<System>Summary`. */
  domainType: string;
  /** The department's staff read scope, `library:read`: the kit opens the subgraph to it. */
  scope: string;
  /** The system in prose: `the library system`; capitalised at the start of a sentence. */
  systemTitle: string;
  SystemTitle: string;
  /** The simulator's account numbers start with it: `LIB`. */
  accountPrefix: string;
}

export function blueprintOf(subgraph: string, system: string, ports: { subgraph: number; simulator: number }): Blueprint {
  const s = namingOf(subgraph);
  const sys = namingOf(system);
  return {
    subgraph: s,
    system: sys,
    subgraphPort: ports.subgraph,
    simulatorPort: ports.simulator,
    field: `${s.camel}Summary`,
    summaryType: `${s.pascal}Summary`,
    statusEnum: `${s.pascal}AccountStatus`,
    domainType: `${sys.pascal}Summary`,
    scope: `${s.kebab}:read`,
    systemTitle: `the ${sys.kebab} system`,
    SystemTitle: `The ${sys.kebab} system`,
    accountPrefix: sys.constant
      .replace(/[^A-Z]/g, '')
      .slice(0, 3)
      .padEnd(3, 'X'),
  };
}
