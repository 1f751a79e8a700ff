export {
  ConfigError,
  type DevelopmentDefault,
  developmentDefault,
  developmentSecret,
  type Env,
  envBool,
  envInt,
  envOptional,
  envString,
  envUrl,
  isProduction,
} from './env';
export { repoRoot } from './repo-root';
