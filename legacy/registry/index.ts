export { createRegistrySimulator, MAX_BATCH_IDS } from './simulator';
