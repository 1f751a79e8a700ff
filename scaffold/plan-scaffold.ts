import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, Kind, parse } from 'graphql';
import { repoRoot } from '../platform/config';
import { type Blueprint, blueprintOf } from './blueprint';
import { nextDefaultPorts } from './default-ports';
import { FilePlan } from './file-plan';
import { nameProblem } from './names';
import { type Registration, registrationsOf } from './registrations';
import { ScaffoldError } from './scaffold-error';
import { readStringList, SourceEditError } from './source-edits';
import { adapterFiles } from './templates/adapter';
import { contractFile } from './templates/contract';
import { kubernetesManifest } from './templates/deployment';
import { simulatorFiles } from './templates/simulator';
import { subgraphFiles } from './templates/subgraph';

/** What `npm run subgraph:new` is asked to make. */
export interface ScaffoldOptions {
  /** The subgraph's name: lower-case letters, digits and dashes (`library`, `library-card`). */
  name: string;
  /** The legacy system behind it, whose adapter and simulator stub are made too. Default: the subgraph's name. */
  system?: string;
  /** The repository to write into. Default: the one this code runs from. */
  root?: string;
}

/** Everything the command would write, decided and checked, with nothing written yet. */
export interface ScaffoldPlan {
  blueprint: Blueprint;
  plan: FilePlan;
  /** The tables the subgraph is registered in. */
  registrations: Registration[];
  /** Documentation-only edits whose anchor the repository no longer has: for a person to do. */
  skipped: Registration[];
}

/**
 * Plans the new subgraph: checks the names, finds the ports, renders every file and every
 * registration in memory. Any refusal is a ScaffoldError thrown before a single file is written.
 */
export function planScaffold(options: ScaffoldOptions): ScaffoldPlan {
  const name = options.name;
  const system = options.system ?? name;
  const problem = nameProblem(name, 'the subgraph') ?? (options.system === undefined ? undefined : nameProblem(system, 'the legacy system'));
  if (problem) throw new ScaffoldError('invalid-name', problem);

  const plan = new FilePlan(options.root ?? repoRoot());
  const subgraphs = readStringList(plan.read('schema/subgraph-names.ts'), 'schema/subgraph-names.ts', ['SUBGRAPH_NAMES']);
  const systems = readStringList(plan.read('deploy/simulators.ts'), 'deploy/simulators.ts', ['LEGACY_SYSTEMS']);
  const taken = [
    subgraphs.includes(name) && `"${name}" is a subgraph of the graph already (schema/subgraph-names.ts)`,
    plan.exists(`schema/${name}.graphql`) && `schema/${name}.graphql exists: "${name}" is a subgraph's contract already`,
    plan.exists(`subgraphs/${name}`) && `subgraphs/${name}/ exists already`,
    systems.includes(system) && `"${system}" is a legacy system of the graph already (deploy/simulators.ts); the command makes a stub of a new one: name it with --system`,
    plan.exists(`legacy/${system}`) && `legacy/${system}/ exists already; name the new system with --system`,
    plan.exists(`adapters/${system}`) && `adapters/${system}/ exists already; name the new system with --system`,
  ].find((reason): reason is string => typeof reason === 'string');
  if (taken) throw new ScaffoldError('name-taken', taken);

  const blueprint = blueprintOf(name, system, nextDefaultPorts(plan));
  refuseClashes(plan, blueprint);

  const files = {
    [`schema/${name}.graphql`]: contractFile(blueprint),
    ...adapterFiles(blueprint),
    ...simulatorFiles(blueprint),
    ...subgraphFiles(blueprint),
    [`deploy/kubernetes/base/${name}.yaml`]: kubernetesManifest(blueprint),
  };
  for (const [file, text] of Object.entries(files)) guarded(() => plan.create(file, text));

  const registrations: Registration[] = [];
  const skipped: Registration[] = [];
  for (const registration of registrationsOf(blueprint, subgraphs)) {
    try {
      guarded(() => plan.change(registration.file, registration.edit));
      registrations.push(registration);
    } catch (error) {
      if (registration.optional && error instanceof ScaffoldError && error.reason === 'layout') skipped.push(registration);
      else throw error;
    }
  }
  return { blueprint, plan, registrations, skipped };
}

/** A source edit's refusal as the command's: a taken entry is a taken name; anything else, a layout it does not know. */
function guarded(step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof SourceEditError) throw new ScaffoldError(error.taken ? 'name-taken' : 'layout', error.message);
    throw error;
  }
}

/**
 * Names the new contract and configuration would share with what is there: a type or Resident
 * field of the composed graph (composition would merge or refuse them), or the system's variables
 * already configuring another subgraph (`FINES_URL` is parking's).
 */
function refuseClashes(plan: FilePlan, b: Blueprint): void {
  const supergraph = parseOrUndefined(plan.exists('schema/supergraph.graphql') ? plan.read('schema/supergraph.graphql') : '');
  const types = new Set<string>();
  const residentFields = new Set<string>();
  for (const definition of supergraph?.definitions ?? []) {
    if (!('name' in definition) || !definition.name) continue;
    types.add(definition.name.value);
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Resident') {
      for (const field of definition.fields ?? []) residentFields.add(field.name.value);
    }
  }
  for (const type of [b.summaryType, b.statusEnum]) {
    if (types.has(type)) throw new ScaffoldError('name-taken', `the graph has a type ${type} already (schema/supergraph.graphql); choose another name`);
  }
  if (residentFields.has(b.field)) throw new ScaffoldError('name-taken', `Resident has a field ${b.field} already (schema/supergraph.graphql); choose another name`);

  const variable = `${b.system.constant}_URL`;
  const configured = readdirSync(join(plan.root, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && plan.exists(`subgraphs/${entry.name}/service.ts`))
    .find((entry) => plan.read(`subgraphs/${entry.name}/service.ts`).includes(`'${variable}'`));
  if (configured) throw new ScaffoldError('name-taken', `${variable} configures the ${configured.name} subgraph already; name the new system with --system`);
}

function parseOrUndefined(sdl: string): DocumentNode | undefined {
  try {
    return parse(sdl);
  } catch {
    return undefined;
  }
}
