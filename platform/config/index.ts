export {
  ConfigError,
  developmentDefault,
  developmentSecret,
  envBool,
  envInt,
  envOptional,
  envString,
  envUrl,
  isProduction,
  type DevelopmentDefault,
  type Env,
} from './env';
export { repoRoot } from './repo-root';
