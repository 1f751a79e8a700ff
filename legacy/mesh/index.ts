export { createMeshSimulator, MAX_BATCH_IDS, MAX_RANGE_DAYS, MAX_VISITS_PER_PAGE, MESH_PREFIX, RETRY_AFTER_SECONDS } from './simulator';
