export { CONTRACTS_DIR, type ContractDefinition, type ContractDefinitionFields, ContractDefinitionSchema, type ContractProblem, readContractDefinitions } from './contract-definition';
export { buildContractVariant, type ContractVariant, type VariantOutcome } from './contract-variant';
export { type FilterDirectiveNames, hiddenElements, type TagFilter } from './tag-filter';
