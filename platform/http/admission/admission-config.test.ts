import { ConfigError } from '../../config';
import { admissionOptionsFromEnv } from './admission-config';

describe('admission settings from the environment', () => {
  it('leaves every default alone when nothing is set', () => {
    expect(admissionOptionsFromEnv({})).toEqual({ shedding: true });
  });

  it('reads the bounds, the target and the switch', () => {
    expect(
      admissionOptionsFromEnv({ ADMISSION_SHEDDING: 'false', ADMISSION_INITIAL_LIMIT: '30', ADMISSION_MIN_LIMIT: '2', ADMISSION_MAX_LIMIT: '200', ADMISSION_QUEUE_DELAY_TARGET_MS: '8' }),
    ).toEqual({ shedding: false, initialLimit: 30, minLimit: 2, maxLimit: 200, queueDelayTargetMs: 8 });
  });

  it('stops the service at start on a value it cannot use, naming the variable', () => {
    expect(() => admissionOptionsFromEnv({ ADMISSION_MAX_LIMIT: '0' })).toThrow(ConfigError);
    expect(() => admissionOptionsFromEnv({ ADMISSION_INITIAL_LIMIT: 'many' })).toThrow(/ADMISSION_INITIAL_LIMIT/);
    expect(() => admissionOptionsFromEnv({ ADMISSION_SHEDDING: 'maybe' })).toThrow(/ADMISSION_SHEDDING/);
  });
});
