import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FilePlan } from './file-plan';

/** Where the first subgraph and the first simulator listen when each runs alone (README, "Run each service alone"). */
const FIRST_SUBGRAPH_PORT = 4101;
const FIRST_SIMULATOR_PORT = 8101;

/**
 * The default ports of a new subgraph and its simulator: one past the highest in use. Subgraphs
 * take 41xx in the order they joined (their `PORT` default, the gateway's local URLs), simulators
 * 81xx (the subgraphs' development URLs of their systems, and the README's list of simulators, which
 * holds those no subgraph calls yet, such as the card acquirer).
 */
export function nextDefaultPorts(plan: FilePlan): { subgraph: number; simulator: number } {
  const services = readdirSync(join(plan.root, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && plan.exists(`subgraphs/${entry.name}/service.ts`))
    .map((entry) => plan.read(`subgraphs/${entry.name}/service.ts`));
  const subgraphPorts = [
    ...services.flatMap((text) => numbers(text, /subgraphConfigFromEnv\(env, (\d{4})\)/g)),
    ...(plan.exists('deploy/local-subgraphs.env') ? numbers(plan.read('deploy/local-subgraphs.env'), /127\.0\.0\.1:(41\d\d)\b/g) : []),
  ];
  const simulatorPorts = [
    ...services.flatMap((text) => numbers(text, /127\.0\.0\.1:(81\d\d)\b/g)),
    ...(plan.exists('README.md') ? numbers(plan.read('README.md'), /--port (81\d\d)\b/g) : []),
  ];
  return {
    subgraph: Math.max(FIRST_SUBGRAPH_PORT - 1, ...subgraphPorts) + 1,
    simulator: Math.max(FIRST_SIMULATOR_PORT - 1, ...simulatorPorts) + 1,
  };
}

function numbers(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}
