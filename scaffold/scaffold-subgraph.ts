import type { Blueprint } from './blueprint';
import { checkSchema, composeSchema, formatWritten, generateResolverTypes, recordFixture } from './derived-files';
import { nextSteps } from './next-steps';
import { planScaffold, type ScaffoldOptions } from './plan-scaffold';
import type { Registration } from './registrations';
import { ScaffoldError } from './scaffold-error';

/** What the command made. */
export interface ScaffoldResult {
  blueprint: Blueprint;
  /** Files created, by path from the root. */
  created: string[];
  /** The tables the subgraph was registered in. */
  registrations: Registration[];
  /** Files composition and code generation wrote (the supergraph, the variants, resolver types). */
  derived: string[];
  /** The resident the adapter's fixture was recorded for. */
  fixturePerson: number;
  /** What to do next, in order. */
  nextSteps: string[];
}

/** Told of each step as it starts, so a person watching sees where the time goes. */
export type ScaffoldProgress = (step: string) => void;

/**
 * `npm run subgraph:new`: plans the subgraph (refusing before anything is written), writes it,
 * lays the written files out as `npm run format` does, records the adapter's fixture from the new
 * simulator, composes, generates the resolver types and runs the schema check. A step that fails after writing takes everything back and throws.
 */
export async function scaffoldSubgraph(options: ScaffoldOptions, progress: ScaffoldProgress = () => undefined): Promise<ScaffoldResult> {
  const { blueprint, plan, registrations, skipped } = planScaffold(options);
  progress(`writing the ${blueprint.subgraph.kebab} subgraph and registering it in ${registrations.length} places`);
  plan.apply();
  try {
    progress('npm run format');
    formatWritten(plan);
    progress(`recording the adapter's fixture from the ${blueprint.system.kebab} simulator`);
    const fixture = await recordFixture(plan, blueprint);
    progress('npm run compose');
    const composed = composeSchema(plan);
    progress('npm run codegen');
    const generated = await generateResolverTypes(plan);
    progress('npm run schema:check');
    await checkSchema(plan);
    return {
      blueprint,
      created: [...plan.createdFiles, fixture.file],
      registrations,
      derived: [...composed, ...generated],
      fixturePerson: fixture.personId,
      nextSteps: nextSteps(blueprint, skipped),
    };
  } catch (error) {
    plan.rollback();
    const reason = error instanceof ScaffoldError ? error.message : error instanceof Error ? error.message : 'a step failed';
    throw new ScaffoldError('failed', `${reason}\nEverything the command wrote has been taken back.`);
  }
}
