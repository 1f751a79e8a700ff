import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { YOUNG_GENERATION_OPTION } from '../../deploy/young-generation';
import { generateJwkKeyPair, KeySeal } from '../../platform/auth';
import { repoRoot } from '../../platform/config';
import { SUBGRAPH_NAMES } from '../../schema';
import { entryPointSource, SECRET_LIKE, SERVICE_ENTRY_POINTS, type ServiceName, unreadVariables } from './entry-points';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  mem_limit?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  read_only?: boolean;
  cap_drop?: string[];
}

const INTERPOLATION = /\$\{(\w+)(?::([-?])([^}]*))?\}/g;

/**
 * The compose file for one machine, checked statically (no Docker engine here): parsed as Compose
 * parses it (YAML with merge keys), its variables resolved as `docker compose` would with the
 * operator's .env, then fed to each service's own configuration reader.
 */
describe('compose.yaml', () => {
  const compose = parse(readFileSync(join(repoRoot(), 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
  const services = compose.services;
  const graph = Object.keys(SERVICE_ENTRY_POINTS) as ServiceName[];
  const operatorEnv = (async (): Promise<Record<string, string>> => {
    const keys = await generateJwkKeyPair('EdDSA', 'compose-test');
    return {
      INTERNAL_CREDENTIAL_PRIVATE_JWK: JSON.stringify(keys.privateJwk),
      INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(keys.publicJwk),
      KEY_SEAL_SECRET: KeySeal.generateSecret(),
      POSTGRES_PASSWORD: 'a-long-random-password',
      REDIS_PASSWORD: 'another-long-random-password',
      AUTH_JWKS_URL: 'https://sign-on.city.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://sign-on.city.example',
    };
  })();
  /** A value as Compose would pass it: `${X:-d}` → X or d; `${X:?m}` → X, which the operator must set. */
  const resolve = (value: string, env: Record<string, string>): string =>
    value.replace(INTERPOLATION, (_whole, name: string, kind: string | undefined, fallback: string) => {
      const given =
        env[name] ?? (name.endsWith('_URL') ? `https://${name.toLowerCase().replace(/_url$/, '')}.legacy.city.example` : name.endsWith('_TOKEN') ? `${name.toLowerCase()}-value` : undefined);
      if (given !== undefined) return given;
      if (kind === '-') return fallback;
      throw new Error(`${name} has no value and no default`);
    });

  it('runs PostgreSQL and Redis from images pinned by tag, with health checks the services wait for', () => {
    for (const name of ['postgres', 'redis']) {
      expect(services[name]?.image).toMatch(/^[a-z]+:[\w.-]+$/);
      expect(services[name]?.image).not.toMatch(/:latest$/);
      expect(services[name]?.healthcheck).toBeDefined();
    }
    expect(Object.keys(compose.volumes ?? {})).toEqual(['postgres-data']);
  });

  it('runs each service of the graph from the one image and its own entry point', () => {
    for (const name of graph) {
      const service = services[name]!;
      expect({ name, build: service.build, image: service.image }).toEqual({ name, build: '.', image: 'resident-graph:local' });
      expect(entryPointSource(service.command ?? [])).toBe(SERVICE_ENTRY_POINTS[name]);
      expect({ name, readOnly: service.read_only, capDrop: service.cap_drop }).toEqual({ name, readOnly: true, capDrop: ['ALL'] });
    }
  });

  it("sets only variables each service's configuration reads, and everything it needs to start", async () => {
    const env = await operatorEnv;
    for (const name of graph) {
      const values = Object.fromEntries(Object.entries(services[name]!.environment ?? {}).map(([key, value]) => [key, resolve(String(value), env)]));
      expect({ name, unread: unreadVariables(name, values) }).toEqual({ name, unread: [] });
    }
  });

  it('takes every secret from the operator, never from the file', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (!SECRET_LIKE.test(key)) continue;
        // The whole value, or the password inside a URL, is a required variable.
        expect({ name, key, fromOperator: /\$\{\w+:\?[^}]*\}/.test(String(value)) }).toEqual({ name, key, fromOperator: true });
      }
    }
  });

  it('wires the services by name: the gateway to each subgraph and Redis, the subgraphs to PostgreSQL and Redis', async () => {
    const env = await operatorEnv;
    const gateway = services.gateway!.environment!;
    expect(new URL(resolve(gateway.REDIS_URL!, env)).host).toBe('redis:6379');
    expect(services.gateway!.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    for (const name of SUBGRAPH_NAMES) {
      const subgraph = services[name]!;
      expect(gateway[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${subgraph.environment!.PORT}/graphql`);
      expect(new URL(resolve(subgraph.environment!.DATABASE_URL!, env)).host).toBe('postgres:5432');
      expect(new URL(resolve(subgraph.environment!.REDIS_URL!, env)).host).toBe('redis:6379');
      expect(subgraph.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('publishes only the gateway, on the loopback address', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([['gateway', ['127.0.0.1:4000:4000']]]);
  });

  it('caps each heap at three quarters of the container memory limit, beside the young generation', () => {
    for (const name of graph) {
      const limit = /^(\d+)m$/.exec(services[name]!.mem_limit ?? '');
      expect(limit).not.toBeNull();
      expect({ name, options: services[name]!.environment!.NODE_OPTIONS }).toEqual({
        name,
        options: `--max-old-space-size=${Math.floor(Number(limit![1]) * 0.75)} ${YOUNG_GENERATION_OPTION}`,
      });
    }
  });
});
