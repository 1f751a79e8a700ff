export { ConfigError, envBool, envInt, envOptional, envString, envUrl, type Env } from './env';
export { repoRoot } from './repo-root';
