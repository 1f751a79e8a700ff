import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayConfigFromEnv } from '../gateway/gateway-config';
import { buildManifest } from '../gateway/trusted-documents';
import { generateJwkKeyPair, type JwkKeyPair, KeySeal } from '../platform/auth';
import { ConfigError, type Env } from '../platform/config';
import { healthConfigFromEnv } from '../subgraphs/health';
import { housingConfigFromEnv } from '../subgraphs/housing';
import { parkingConfigFromEnv } from '../subgraphs/parking';
import { paymentsConfigFromEnv } from '../subgraphs/payments';
import { residentsConfigFromEnv } from '../subgraphs/residents';
import { schoolConfigFromEnv } from '../subgraphs/school';
import { PRODUCTION_SERVICES, productionRefusal } from './production-posture';

const CONFIGS: Record<keyof typeof PRODUCTION_SERVICES, (env: Env) => unknown> = {
  gateway: gatewayConfigFromEnv,
  residents: residentsConfigFromEnv,
  health: healthConfigFromEnv,
  school: schoolConfigFromEnv,
  housing: housingConfigFromEnv,
  parking: parkingConfigFromEnv,
  payments: paymentsConfigFromEnv,
};

describe('what production requires of each service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'production-posture-'));
  const devKeysFile = join(dir, 'keys.json');
  const manifestFile = join(dir, 'manifest.json');
  let internal: JwkKeyPair;

  beforeAll(async () => {
    internal = await generateJwkKeyPair('EdDSA', 'gateway-2026');
    // Development keys lie ready: production must not take them for its own.
    writeFileSync(devKeysFile, JSON.stringify({ signOn: await generateJwkKeyPair('ES256', 'dev'), internal: await generateJwkKeyPair('EdDSA', 'dev'), keySeal: KeySeal.generateSecret() }));
    writeFileSync(manifestFile, JSON.stringify(buildManifest(['query Me { me { id } }'])));
  });

  /** A real-looking value for each required variable. */
  const sampleValue = (variable: string): string => {
    if (variable === 'INTERNAL_CREDENTIAL_PUBLIC_JWK') return JSON.stringify(internal.publicJwk);
    if (variable === 'INTERNAL_CREDENTIAL_PRIVATE_JWK') return JSON.stringify(internal.privateJwk);
    if (variable === 'TRUSTED_DOCUMENTS_FILE') return manifestFile;
    if (variable === 'KEY_SEAL_SECRET') return KeySeal.generateSecret();
    if (variable.endsWith('_URL')) return `https://${variable.toLowerCase().replace(/_/g, '-')}.city.test/`;
    if (variable === 'AUTH_ISSUER') return 'https://sign-on.city.test';
    return `issued-${variable.toLowerCase()}`;
  };
  const productionEnv = (required: ReadonlyArray<string>): Record<string, string> => ({
    NODE_ENV: 'production',
    DEV_KEYS_FILE: devKeysFile,
    HOUSING_OUTBOX_DIR: 'memory',
    ...Object.fromEntries(required.map((v) => [v, sampleValue(v)])),
  });

  it.each(Object.entries(PRODUCTION_SERVICES))('%s starts with exactly what the list names, and refuses without any one of it, naming it', (service, { required }) => {
    const config = CONFIGS[service as keyof typeof CONFIGS];
    expect(() => config(productionEnv(required))).not.toThrow();
    for (const variable of required) {
      const env = productionEnv(required);
      delete env[variable];
      let refusal: unknown;
      try {
        config(env);
      } catch (error) {
        refusal = error;
      }
      expect({ variable, refusal }).toEqual({ variable, refusal: expect.any(ConfigError) });
      expect((refusal as ConfigError).variable).toBe(variable);
    }
  });

  it('the refusal of npm start names every entry point and every variable it needs', () => {
    const text = productionRefusal('npm start');
    expect(text).toMatch(/^npm start runs the development default/);
    expect(text).toContain('does not run with NODE_ENV=production');
    for (const { entry, required } of Object.values(PRODUCTION_SERVICES)) {
      const line = text.split('\n').find((l) => l.includes(`node ${entry} `));
      expect(line).toBeDefined();
      for (const variable of required) expect(line).toContain(variable);
    }
    expect(text).toMatch(/--service-token/);
    expect(text).toMatch(/SIM_ADMIN_TOKEN/);
  });
});
