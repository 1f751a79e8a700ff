import type { Blueprint } from '../blueprint';
import { SUMMARY_ENDPOINT } from './adapter';

/**
 * `legacy/<system>/`: a stub of the department's system on the simulators' kit, so the new
 * subgraph runs, is tested and is demonstrated before the real system is connected. Its data is
 * derived from the shared population (any person id, the same answer every run); the kit gives it
 * the admin endpoint (faults, stats, clock) and the standalone entry point.
 */
export function simulatorFiles(b: Blueprint): Record<string, string> {
  const { system: s } = b;
  const dir = `legacy/${s.kebab}`;
  return {
    [`${dir}/accounts.ts`]: `import { Seeded } from '../kit';
import type { Population } from '../population';

/** The record ${b.systemTitle} keeps of a resident's account, in its own words: what the adapter's wire schema reads. */
export interface ${s.pascal}AccountPayload {
  person_id: string;
  account_number: string;
  status: 'active' | 'suspended' | 'closed';
  open_items: number;
  /** ISO-8601 with the Moscow offset. */
  updated_at: string;
}

const STATUSES = ['active', 'suspended', 'closed'] as const;
const DAY_MS = 86_400_000;

/**
 * The account ${b.systemTitle} keeps for the person with this id, derived from the city's seed and the
 * id, so every run and every process gives the same; undefined for a person the city does not
 * have, and for one in five, who has no account.
 */
export function accountOf(population: Population, personId: number): ${s.pascal}AccountPayload | undefined {
  const person = population.person(personId);
  if (!person) return undefined;
  const r = new Seeded(population.seed, '${s.kebab}', person.id);
  if (r.chance(0.2)) return undefined;
  const status = STATUSES[r.weighted([85, 10, 5])] ?? 'active';
  const day = new Date(Date.UTC(2026, 0, 1) + r.int(0, 319) * DAY_MS).toISOString().slice(0, 10);
  const time = \`\${String(r.int(8, 19)).padStart(2, '0')}:\${String(r.int(0, 59)).padStart(2, '0')}\`;
  return {
    person_id: String(person.id),
    account_number: \`${b.accountPrefix}-\${String(person.id).padStart(10, '0')}\`,
    status,
    open_items: status === 'closed' ? 0 : r.int(0, 9),
    updated_at: \`\${day}T\${time}:00+03:00\`,
  };
}
`,
    [`${dir}/simulator.ts`]: `import { SimHttpError, type SimRequest, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { accountOf } from './accounts';

/**
 * ${b.SystemTitle}, behind the ${b.subgraph.kebab} subgraph: a resident's account by the registry's
 * person id. REST JSON, \`Authorization: Bearer <service token>\`. The call is *(designed)*: a stub
 * written by \`npm run subgraph:new\`, to be made to speak what the real system speaks once the
 * department connects it (legacy/README.md says how the others were checked).
 */
export function create${s.pascal}Simulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const authorize = (req: SimRequest): void => {
    if (req.headers.authorization !== \`Bearer \${serviceToken}\`) {
      throw new SimHttpError(401, { json: { code: 'UNAUTHORIZED', message: 'invalid service token' } });
    }
  };

  return {
    system: '${s.kebab}',
    routes: [
      {
        method: 'GET',
        path: '/api/v1/persons/:personId/summary',
        handle(req) {
          authorize(req);
          const person = population.personByKey(req.params.personId ?? '');
          const account = person ? accountOf(population, person.id) : undefined;
          if (!account) throw new SimHttpError(404, { json: { code: 'NOT_FOUND' } });
          return { json: { summary: account } };
        },
      },
    ],
  };
}
`,
    [`${dir}/main.ts`]: `import { runStandalone } from '../kit';
import { create${s.pascal}Simulator } from './simulator';

runStandalone(create${s.pascal}Simulator).catch((error: unknown) => {
  process.stderr.write(\`\${(error as Error).message}\\n\`);
  process.exit(1);
});
`,
    [`${dir}/index.ts`]: `export { accountOf, type ${s.pascal}AccountPayload } from './accounts';
export { create${s.pascal}Simulator } from './simulator';
`,
    [`${dir}/README.md`]: `# ${b.SystemTitle}, behind the ${b.subgraph.kebab} subgraph

A stub, written by \`npm run subgraph:new\`: one *(designed)* call, until the department connects
its real system and this simulator is made to speak what that system speaks.

| call | answers |
|---|---|
| \`${SUMMARY_ENDPOINT}\` | \`{ "summary": { "person_id", "account_number", "status": "active" \\| "suspended" \\| "closed", "open_items", "updated_at" } }\`; 404 \`{ "code": "NOT_FOUND" }\` when the person has no account (one in five) |

Sign-in: \`Authorization: Bearer <service token>\` (\`${s.constant}_SERVICE_TOKEN\` in the subgraph;
\`--service-token\` here). The data comes from the shared population (\`accounts.ts\`), so any person
id answers the same every run. Standalone: \`node dist/legacy/${s.kebab}/main.js --port ${b.simulatorPort}\`;
the admin endpoint (\`/__admin/stats\`, \`/__admin/faults\`, \`/__admin/clock\`) is the kit's.
`,
  };
}
