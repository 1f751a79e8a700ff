export { type Blueprint, blueprintOf } from './blueprint';
export { MAX_NAME_LENGTH, type Naming, nameProblem, namingOf } from './names';
export { planScaffold, type ScaffoldOptions, type ScaffoldPlan } from './plan-scaffold';
export type { Registration } from './registrations';
export { ScaffoldError, type ScaffoldRefusal } from './scaffold-error';
export { type ScaffoldProgress, type ScaffoldResult, scaffoldSubgraph } from './scaffold-subgraph';
