import { ConfigError, type Env, envOptional } from '../config';

/** How spans leave the process: OTLP over HTTP, as protobuf (the OpenTelemetry default) or JSON. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** The samplers the OpenTelemetry specification names for `OTEL_TRACES_SAMPLER`. */
export const SAMPLER_NAMES = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/**
 * Where and how a process exports its spans, read from the standard `OTEL_*` variables. Its
 * absence means tracing is off: no SDK is loaded, no exporter made, no timer started.
 */
export interface TracingConfig {
  /** `OTEL_SERVICE_NAME`: `service.name` of every span of the process; absent, the service's own name (startTracing). */
  serviceName?: string;
  /** The collector's traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  endpoint: string;
  /** `OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL`; default `http/protobuf`, as the specification says. */
  protocol: OtlpProtocol;
  /** `OTEL_EXPORTER_OTLP_[TRACES_]HEADERS`: sent with every export (a collector's API key). */
  headers: Record<string, string>;
  /** `OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT`: how long one export may take, in ms; default 10000. */
  timeoutMs: number;
  /** `OTEL_TRACES_SAMPLER` (default `parentbased_always_on`) and its `OTEL_TRACES_SAMPLER_ARG` (a ratio, default 1). */
  sampler: { name: SamplerName; ratio: number };
  /** `OTEL_RESOURCE_ATTRIBUTES`: more attributes of the process (`deployment.environment=production`). */
  resourceAttributes: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The process's tracing configuration, or undefined when tracing is off: no endpoint is set,
 * `OTEL_SDK_DISABLED=true`, or `OTEL_TRACES_EXPORTER=none`. A value the service cannot honour
 * (gRPC, an unknown sampler, a ratio outside 0..1) stops it at start with the variable's name,
 * as every other setting does, instead of tracing silently otherwise than asked.
 */
export function tracingConfigFromEnv(env: Env): TracingConfig | undefined {
  const disabled = envOptional(env, 'OTEL_SDK_DISABLED');
  if (disabled !== undefined && disabled.trim().toLowerCase() === 'true') return undefined;
  const exporter = envOptional(env, 'OTEL_TRACES_EXPORTER')?.trim().toLowerCase();
  if (exporter === 'none') return undefined;
  if (exporter !== undefined && exporter !== 'otlp') throw new ConfigError('OTEL_TRACES_EXPORTER', 'must be otlp or none');
  const endpoint = tracesEndpoint(env);
  if (!endpoint) return undefined;
  const serviceName = envOptional(env, 'OTEL_SERVICE_NAME');
  return {
    ...(serviceName ? { serviceName } : {}),
    endpoint,
    protocol: protocolOf(env),
    headers: { ...keyValueList(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...keyValueList(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') },
    timeoutMs: timeoutOf(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ?? timeoutOf(env, 'OTEL_EXPORTER_OTLP_TIMEOUT') ?? DEFAULT_TIMEOUT_MS,
    sampler: samplerOf(env),
    resourceAttributes: keyValueList(env, 'OTEL_RESOURCE_ATTRIBUTES'),
  };
}

/** The signal-specific variable is the URL as it is; the general one is a base the path is added to. */
function tracesEndpoint(env: Env): string | undefined {
  const specific = envOptional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (specific) return httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specific);
  const base = envOptional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!base) return undefined;
  const url = httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base);
  return `${url.replace(/\/+$/, '')}/v1/traces`;
}

function httpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, 'must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(variable, 'must be an http(s) URL');
  return value;
}

function protocolOf(env: Env): OtlpProtocol {
  const variable = envOptional(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const value = envOptional(env, variable)?.trim();
  if (value === undefined || value === 'http/protobuf') return 'http/protobuf';
  if (value === 'http/json') return 'http/json';
  throw new ConfigError(variable, value === 'grpc' ? 'grpc is not supported; use http/protobuf or http/json (a collector takes both on port 4318)' : 'must be http/protobuf or http/json');
}

function timeoutOf(env: Env, variable: string): number | undefined {
  const raw = envOptional(env, variable);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(variable, 'must be a whole number of milliseconds, at least 1');
  return value;
}

function samplerOf(env: Env): TracingConfig['sampler'] {
  const raw = envOptional(env, 'OTEL_TRACES_SAMPLER')?.trim().toLowerCase() ?? 'parentbased_always_on';
  const name = SAMPLER_NAMES.find((known) => known === raw);
  if (!name) throw new ConfigError('OTEL_TRACES_SAMPLER', `must be one of ${SAMPLER_NAMES.join(', ')}`);
  const arg = envOptional(env, 'OTEL_TRACES_SAMPLER_ARG');
  if (arg === undefined || !name.endsWith('traceidratio')) return { name, ratio: 1 };
  const ratio = Number(arg);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', 'must be a ratio from 0 to 1');
  return { name, ratio };
}

/**
 * `key=value,key=value` as the OpenTelemetry variables write them (values percent-encoded). A
 * malformed entry is named by its position only, since a header value may be a secret.
 */
function keyValueList(env: Env, variable: string): Record<string, string> {
  const raw = envOptional(env, variable);
  const pairs: Record<string, string> = {};
  if (!raw) return pairs;
  raw.split(',').forEach((entry, index) => {
    if (entry.trim() === '') return;
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!key) throw new ConfigError(variable, `entry ${index + 1} must be key=value`);
    try {
      pairs[key] = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      throw new ConfigError(variable, `entry ${index + 1} is not valid percent-encoding`);
    }
  });
  return pairs;
}
