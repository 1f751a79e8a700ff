export {
  createMeshSimulator,
  MAX_BATCH_IDS,
  MAX_RANGE_DAYS,
  MAX_VISITS_PER_PAGE,
  MESH_PREFIX,
  type MeshSimulatorOptions,
  REFRESH_WINDOW_MS,
  RETRY_AFTER_SECONDS,
  SESSION_LIFETIME_MS,
  TOKEN_REFRESH_PATH,
} from './simulator';
