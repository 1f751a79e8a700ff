import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type EmbeddedSystem, LEGACY_SYSTEMS, type LegacySystem, startEmbeddedSystem } from '../../../deploy/embedded-system';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type GatewayConfig, type RunningGateway, startGateway } from '../../../gateway';
import type { DevKeys } from '../../../legacy/sign-on';
import { repoRoot } from '../../../platform/config';
import { createLogger, type Logger } from '../../../platform/logging';
import { readCommittedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from '../../../schema';

/** Every line the services logged, for asserting what never reaches a log. */
export class MemoryLog extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  text(): string {
    return this.lines.join('\n');
  }
}

export interface SecureSystem {
  system: EmbeddedSystem;
  keys: DevKeys;
  /** A gateway of the test's own over the same subgraphs: production mode, a JWKS URL, limits. */
  startGateway(overrides?: Partial<GatewayConfig>, logger?: Logger): Promise<RunningGateway>;
  close(): Promise<void>;
}

/**
 * The embedded system (simulators, subgraphs, its development gateway) and, on demand, more
 * gateways over the same subgraphs with the configuration a test needs, signing with the same
 * internal key. Clock pinned to 2026-11-21 12:00 Moscow.
 */
export async function startSecureSystem(options: { logger?: Logger } = {}): Promise<SecureSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'security-'));
  const keysFile = join(dir, 'keys.json');
  const system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent', keysFile, ...(options.logger ? { logger: options.logger } : {}) });
  const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as DevKeys;
  const gateways: RunningGateway[] = [];
  return {
    system,
    keys,
    async startGateway(overrides = {}, logger = createLogger({ service: 'gateway', level: 'silent' })) {
      const gateway = await startGateway(
        {
          port: 0,
          host: '127.0.0.1',
          production: false,
          logLevel: 'silent',
          supergraphSdl: readCommittedSupergraph(join(repoRoot(), 'schema')),
          subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${system.subgraphs[name].url}/graphql`])) as Record<SubgraphName, string>,
          auth: { jwks: { keys: system.signOn.jwks() }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
          internalPrivateJwk: keys.internal.privateJwk,
          subgraphTimeoutMs: 10_000,
          subgraphConnections: 8,
          ...overrides,
        },
        { logger },
      );
      gateways.push(gateway);
      return gateway;
    },
    async close() {
      for (const gateway of gateways) await gateway.close();
      await system.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Legacy requests per system since the last reset. */
export function legacyCallCounts(system: EmbeddedSystem): Record<string, number> {
  return Object.fromEntries(Object.entries(system.simulators).map(([name, sim]) => [name, sim.stats.snapshot().total]));
}

export function resetLegacyStats(system: EmbeddedSystem): void {
  for (const sim of Object.values(system.simulators)) sim.stats.reset();
}

/** No request to any simulator: every legacy system, the acquirer included, at zero. */
export const NO_LEGACY_CALLS = Object.fromEntries(LEGACY_SYSTEMS.map((system) => [system, 0])) as Record<LegacySystem, number>;
