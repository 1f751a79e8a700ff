import { type Env, envBool, envInt } from '../../config';
import type { AdmissionOptions } from './admission-control';

/**
 * `ADMISSION_SHEDDING` (true), `ADMISSION_INITIAL_LIMIT` (48), `ADMISSION_MIN_LIMIT` (4),
 * `ADMISSION_MAX_LIMIT` (1000), `ADMISSION_QUEUE_DELAY_TARGET_MS` (the service's default: 5 at the
 * gateway, 10 in a subgraph): the admission limit's bounds and target, read the same way by the
 * gateway and every subgraph. Absent variables leave the defaults.
 */
export function admissionOptionsFromEnv(env: Env): AdmissionOptions {
  const int = (name: string, range: { min: number; max?: number }): number | undefined => (env[name] === undefined || env[name] === '' ? undefined : envInt(env, name, 0, range));
  const options: AdmissionOptions = {
    shedding: envBool(env, 'ADMISSION_SHEDDING', true),
    initialLimit: int('ADMISSION_INITIAL_LIMIT', { min: 1 }),
    minLimit: int('ADMISSION_MIN_LIMIT', { min: 1 }),
    maxLimit: int('ADMISSION_MAX_LIMIT', { min: 1 }),
    queueDelayTargetMs: int('ADMISSION_QUEUE_DELAY_TARGET_MS', { min: 1, max: 1_000 }),
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as AdmissionOptions;
}
