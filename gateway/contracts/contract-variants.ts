import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScope } from '../../platform/auth';
import { type ContractDefinitionFields, ContractDefinitionSchema } from '../../schema/variants';
import type { ContractCallers } from './contract-callers';

/** A contract variant the gateway serves: its supergraph, where to reload it from, and whom it is for. */
export interface ContractVariantConfig {
  /** The variant's name: it is served at `/contracts/<name>/graphql`. */
  name: string;
  /** The variant's supergraph (composition's `<name>.supergraph.graphql`): the graph with what the contract leaves out `@inaccessible`. */
  supergraphSdl: string;
  /** The file it is reloaded from; absent, it is never reloaded. */
  supergraphFile?: string;
  /** Whom `/graphql` serves it to; absent, it is served only at its own path. */
  callers?: ContractCallers;
}

/** A contract folder the gateway cannot serve from, and why. */
export class ContractVariantsError extends Error {}

/** Lower-case letters, digits and `-`: the last segment of the variant's URL (as composition checks). */
const VARIANT_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Every variant in `dir`, as composition writes them: `<name>.json` (the definition, whose
 * `callers` the gateway reads) beside `<name>.supergraph.graphql`. A folder that does not exist
 * holds none. A definition without its supergraph, or one that does not parse, is refused:
 * `npm run compose` was not run, and serving the rest would quietly serve a caller the whole graph.
 */
export function readContractVariants(dir: string): ContractVariantConfig[] {
  if (!existsSync(dir)) return [];
  const variants: ContractVariantConfig[] = [];
  for (const fileName of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = fileName.slice(0, -'.json'.length);
    if (!VARIANT_NAME.test(name)) throw new ContractVariantsError(`${fileName}: a variant's name is lower-case letters, digits and "-"`);
    let definition: ContractDefinitionFields;
    try {
      definition = ContractDefinitionSchema.parse(JSON.parse(readFileSync(join(dir, fileName), 'utf8')));
    } catch (error) {
      throw new ContractVariantsError(`${fileName}: not a contract definition (${(error as Error).message.split('\n')[0]})`);
    }
    const supergraphFile = join(dir, `${name}.supergraph.graphql`);
    let supergraphSdl: string;
    try {
      supergraphSdl = readFileSync(supergraphFile, 'utf8');
    } catch {
      throw new ContractVariantsError(`${name}.supergraph.graphql is missing beside ${fileName}: run npm run compose`);
    }
    const callers = definition.callers ? { principals: definition.callers.principals, scopes: definition.callers.scopes.filter(isScope) } : undefined;
    variants.push({ name, supergraphSdl, supergraphFile, ...(callers ? { callers } : {}) });
  }
  return variants;
}
