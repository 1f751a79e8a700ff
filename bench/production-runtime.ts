import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/config';

/**
 * The Node version production runs: the one in the `Dockerfile`'s base image. The benchmark's
 * figures are meant for that runtime (Node 20's promise hooks alone cost its subgraphs ~10% more
 * CPU, and V8's defaults differ), so the report says when it ran on another.
 */
export function productionNodeVersion(): string | undefined {
  const dockerfile = readFileSync(join(repoRoot(), 'Dockerfile'), 'utf8');
  return /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)/m.exec(dockerfile)?.[1];
}

/** A sentence for the report when this process is not on production's Node; empty when it is. */
export function runtimeCaveat(running: string = process.version): string {
  const production = productionNodeVersion();
  if (!production || running === `v${production}`) return '';
  return `This run is on Node ${running}, not ${production}, the runtime the image ships: its figures are not production's (README, "Benchmark", says how to run on ${production}).`;
}
