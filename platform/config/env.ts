/**
 * Reading configuration from the environment, once, at the edge of each service. A bad value
 * stops the service at start with the variable's name, rather than failing on the first request.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(
    /** The variable at fault, so a caller can tell which one without reading the message. */
    readonly variable: string,
    problem: string,
  ) {
    super(`configuration ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * `NODE_ENV=production`: the posture in which nothing of development is used — no development
 * key, token, sign-on, admin endpoint or local default stands in for what production must be
 * told. Anything else is development.
 */
export function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * A default only development may fall back on (a local simulator's URL, the simulators' shared
 * token). Production must be given the value and refuses to start without it; a `secret` default
 * is public knowledge, so production refuses it even when it is given explicitly.
 */
export interface DevelopmentDefault {
  readonly development: string;
  readonly secret: boolean;
}

/** A development-only default that is no secret (a URL): see DevelopmentDefault. */
export function developmentDefault(value: string): DevelopmentDefault {
  return { development: value, secret: false };
}

/** A development-only credential (`dev-service-token`): production needs its own, never this one. */
export function developmentSecret(value: string): DevelopmentDefault {
  return { development: value, secret: true };
}

/**
 * The variable's value; absent, the fallback. A DevelopmentDefault falls back only outside
 * production: in production the variable is required.
 */
export function envString(env: Env, name: string, fallback?: string | DevelopmentDefault): string {
  const value = env[name];
  const given = value !== undefined && value !== '';
  if (typeof fallback === 'object' && isProduction(env)) {
    if (!given) throw new ConfigError(name, 'is required in production');
    if (fallback.secret && value === fallback.development) throw new ConfigError(name, 'is the development value; production needs its own');
    return value;
  }
  if (given) return value;
  const otherwise = typeof fallback === 'object' ? fallback.development : fallback;
  if (otherwise !== undefined) return otherwise;
  throw new ConfigError(name, 'is required');
}

export function envOptional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function envInt(env: Env, name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  if (range.min !== undefined && value < range.min) throw new ConfigError(name, `must be at least ${range.min}`);
  if (range.max !== undefined && value > range.max) throw new ConfigError(name, `must be at most ${range.max}`);
  return value;
}

export function envUrl(env: Env, name: string, fallback?: string | DevelopmentDefault): string {
  const value = envString(env, name, fallback);
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${value}"`);
  }
  return value;
}

export function envBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}
