export { blueprintOf, type Blueprint } from './blueprint';
export { MAX_NAME_LENGTH, nameProblem, namingOf, type Naming } from './names';
export { planScaffold, type ScaffoldOptions, type ScaffoldPlan } from './plan-scaffold';
export type { Registration } from './registrations';
export { ScaffoldError, type ScaffoldRefusal } from './scaffold-error';
export { scaffoldSubgraph, type ScaffoldProgress, type ScaffoldResult } from './scaffold-subgraph';
