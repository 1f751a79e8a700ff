export { CONTRACTS_DIR, ContractDefinitionSchema, readContractDefinitions, type ContractDefinition, type ContractProblem } from './contract-definition';
export { buildContractVariant, type ContractVariant, type VariantOutcome } from './contract-variant';
export { hiddenElements, type FilterDirectiveNames, type TagFilter } from './tag-filter';
