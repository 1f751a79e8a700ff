import { type ConfigError, developmentDefault, developmentSecret, envString, envUrl, isProduction } from './index';

describe('environment values that only development may default', () => {
  const production = { NODE_ENV: 'production' };

  it('fall back in development, whatever NODE_ENV says short of production', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }]) {
      expect(isProduction(env)).toBe(false);
      expect(envUrl(env, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102'))).toBe('http://127.0.0.1:8102');
      expect(envString(env, 'EMIAS_SERVICE_TOKEN', developmentSecret('dev-service-token'))).toBe('dev-service-token');
    }
  });

  it('are required in production, naming the variable', () => {
    expect(isProduction(production)).toBe(true);
    expect(() => envUrl(production, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102'))).toThrow('configuration EMIAS_URL: is required in production');
    expect(() => envString({ ...production, EMIAS_SERVICE_TOKEN: '' }, 'EMIAS_SERVICE_TOKEN', developmentSecret('dev-service-token'))).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable: 'EMIAS_SERVICE_TOKEN' }) as ConfigError,
    );
    expect(envUrl({ ...production, EMIAS_URL: 'https://emias.city.test' }, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102'))).toBe('https://emias.city.test');
    expect(() => envUrl({ ...production, EMIAS_URL: 'ftp://emias' }, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102'))).toThrow(/EMIAS_URL: must be an http\(s\) URL/);
  });

  it('refuse a development secret given explicitly in production, without echoing it', () => {
    const env = { ...production, EMIAS_SERVICE_TOKEN: 'dev-service-token' };
    expect(() => envString(env, 'EMIAS_SERVICE_TOKEN', developmentSecret('dev-service-token'))).toThrow(
      'configuration EMIAS_SERVICE_TOKEN: is the development value; production needs its own',
    );
    expect(envString({ ...production, EMIAS_SERVICE_TOKEN: 's3cr3t-issued-by-emias' }, 'EMIAS_SERVICE_TOKEN', developmentSecret('dev-service-token'))).toBe('s3cr3t-issued-by-emias');
    // A plain default is the same in both postures.
    expect(envString(production, 'HOST', '127.0.0.1')).toBe('127.0.0.1');
  });
});
