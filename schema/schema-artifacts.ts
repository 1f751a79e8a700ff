import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { composeContracts, readSubgraphContracts, SUPERGRAPH_FILE, type SubgraphContract } from './composition';
import type { CompositionProblem } from './composition-problems';
import { buildContractVariant, CONTRACTS_DIR, type ContractProblem, type ContractVariant, readContractDefinitions } from './variants';

/** The API schema of a variant, beside its definition. */
export function variantApiFile(name: string): string {
  return `${CONTRACTS_DIR}/${name}.graphql`;
}

/** The supergraph of a variant, beside its definition: what a gateway loads to serve it. */
export function variantSupergraphFile(name: string): string {
  return `${CONTRACTS_DIR}/${name}.supergraph.graphql`;
}

/** Everything composition derives from the contracts in `schema/`, ready to be written or compared. */
export interface SchemaArtifacts {
  contracts: SubgraphContract[];
  supergraphSdl: string;
  variants: ContractVariant[];
  /** Each written file by its path under `schema/`, with its content. */
  files: Map<string, string>;
}

export type ArtifactsOutcome =
  | { ok: true; artifacts: SchemaArtifacts }
  | { ok: false; contracts: SubgraphContract[]; compositionProblems: CompositionProblem[]; contractProblems: ContractProblem[] };

/**
 * Composes the subgraph contracts, then applies every contract definition to the supergraph.
 * Problems of either kind are all collected, so one run shows a department everything to fix.
 */
export function buildSchemaArtifacts(schemaDir: string): ArtifactsOutcome {
  const contracts = readSubgraphContracts(schemaDir);
  const composed = composeContracts(contracts);
  const { definitions, problems: contractProblems } = readContractDefinitions(schemaDir);
  if (!composed.ok) return { ok: false, contracts, compositionProblems: composed.problems, contractProblems };
  const variants: ContractVariant[] = [];
  for (const definition of definitions) {
    const outcome = buildContractVariant(composed.supergraphSdl, definition);
    if (outcome.ok) variants.push(outcome.variant);
    else contractProblems.push(...outcome.problems);
  }
  if (contractProblems.length > 0) return { ok: false, contracts, compositionProblems: [], contractProblems };
  const files = new Map<string, string>([[SUPERGRAPH_FILE, composed.supergraphSdl]]);
  for (const variant of variants) {
    const header = `# Written by \`npm run compose\`: the API schema of the contract variant ${variant.definition.file} defines. Do not edit.\n`;
    files.set(variantApiFile(variant.definition.name), `${header}${variant.apiSdl}\n`);
    files.set(variantSupergraphFile(variant.definition.name), variant.supergraphSdl);
  }
  return { ok: true, artifacts: { contracts, supergraphSdl: composed.supergraphSdl, variants, files } };
}

/** A written file that does not match what composition gives now, or that nothing composes any more. */
export interface StaleArtifact {
  file: string;
  state: 'missing' | 'differs' | 'orphaned';
}

/** The files under `schemaDir` that `npm run compose` would write, change or delete. */
export function staleArtifacts(schemaDir: string, artifacts: SchemaArtifacts): StaleArtifact[] {
  const stale: StaleArtifact[] = [];
  for (const [file, content] of artifacts.files) {
    const path = join(schemaDir, file);
    if (!existsSync(path)) stale.push({ file, state: 'missing' });
    else if (readFileSync(path, 'utf8') !== content) stale.push({ file, state: 'differs' });
  }
  for (const file of orphanedVariantFiles(schemaDir, artifacts)) stale.push({ file, state: 'orphaned' });
  return stale;
}

/** Writes every artifact and deletes variant files whose definition is gone. */
export function writeSchemaArtifacts(schemaDir: string, artifacts: SchemaArtifacts): { written: string[]; removed: string[] } {
  const written: string[] = [];
  for (const [file, content] of artifacts.files) {
    const path = join(schemaDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  }
  const removed = orphanedVariantFiles(schemaDir, artifacts).map((file) => join(schemaDir, file));
  for (const path of removed) rmSync(path);
  return { written, removed };
}

function orphanedVariantFiles(schemaDir: string, artifacts: SchemaArtifacts): string[] {
  const dir = join(schemaDir, CONTRACTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .map((name) => `${CONTRACTS_DIR}/${name}`)
    .filter((file) => !artifacts.files.has(file))
    .sort();
}
