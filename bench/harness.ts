import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { GATEWAY_NODE_FLAGS } from '../deploy/gateway-heap';
import { startNodeProcess } from '../deploy/node-process';
import { type LaunchedProcess, launchProcess } from '../deploy/process-launcher';
import { PRODUCTION_SERVICES } from '../deploy/production-posture';
import { LEGACY_SYSTEMS, type LegacySystem, type SystemFaults } from '../deploy/simulators';
import { YOUNG_GENERATION_FLAGS } from '../deploy/young-generation';
import { DEV_ISSUER } from '../gateway';
import { Population } from '../legacy/population';
import { type DevKeys, DevSignOn } from '../legacy/sign-on';
import { generateJwkKeyPair, KeySeal } from '../platform/auth';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema';
import type { PaymentsConfig } from '../subgraphs/payments';
import { TRUSTED_DOCUMENTS_FILE } from './dashboard-request';
import type { FaultPlan, FaultResult } from './fault-plan';
import type { FloorPlan } from './floor-main';
import type { LoadPlan, LoadResult } from './load-main';
import type { OverloadPlan, OverloadResult } from './overload-plan';
import { SHOP_SUBGRAPH_NAMES, type ShopSubgraph } from './repeated-entities/shop-graph';

/** The benchmark's own compiled files and the runtime probe every measured process preloads. */
const here = (file: string): string => join(__dirname, file);
const PROBE = join(__dirname, 'runtime-probe.js');

/**
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of every measured process into `<dir>` when it
 * stops (`node --cpu-prof`), to see where the time goes before tuning; absent, nothing changes.
 */
function profileFlags(name: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name.replace(/[^a-z0-9-]/gi, '-')}-${Date.now()}.cpuprofile`] : [];
}

/**
 * The same for flags shared by several processes (a topology): each profile is then named by
 * Node with the process's pid, which the scenario prints beside the process's name.
 */
export function profilingFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * The embedded backend (five subgraphs and five simulators in one process) runs within 400 MB of
 * RSS. Its one embedded database (PGlite) is most of it: ~150 MB with V8's baseline WebAssembly
 * compiler only (`--liftoff-only`; ~65 MB more with optimised code kept beside it, for queries that
 * are a small part of its CPU); its caches are bounded (one stale-if-error store, the population,
 * credentials and guardianship forgotten as they expire), with a live heap near 100 MB, so a
 * 160 MB old generation left it room on Node 20. On Node 24 a 160 or 224 MB cap collected without
 * end (200–330 ms of CPU per dashboard); 192 MB with 16 MB semi-spaces (`deploy/young-generation.ts`)
 * served 20 dashboards/s at 14–16 ms and ~388 MB of RSS (bench/RESULTS.md).
 */
const BACKEND_NODE_FLAGS = ['--max-old-space-size=192', '--liftoff-only', ...YOUNG_GENERATION_FLAGS];

/**
 * Sockets from each subgraph to each legacy system (`LEGACY_CONNECTIONS`), which also cap the calls
 * in flight to it. Sized by Little's law for the most the benchmark offers, 300 dashboards/s at
 * realistic latencies: EMIAS's five calls of up to ~132 ms are ~200 in flight. At the default of
 * 32, health could not pass ~53 dashboards/s whatever the CPU, and neither could its system floor.
 */
export const BENCH_LEGACY_CONNECTIONS = 256;

/** The token this run's simulators take from the production-posture subgraphs of the benchmark. */
const BENCH_SERVICE_TOKEN = `bench-${randomUUID()}`;
/** Every legacy system's token variable a production subgraph may require (the registry's, which every subgraph reads, included). */
const SERVICE_TOKEN_VARIABLES = [
  ...new Set(['REGISTRY_SERVICE_TOKEN', ...Object.values(PRODUCTION_SERVICES).flatMap((service) => service.required.filter((variable) => variable.endsWith('_SERVICE_TOKEN')))]),
];

export interface Backend {
  process: LaunchedProcess;
  subgraphUrls: Record<SubgraphName, string>;
  simulatorUrls: Record<LegacySystem, string>;
}

/**
 * Starts and stops what a scenario measures, each in a process of its own: the backend
 * (simulators + subgraphs), gateways, the load generator and the legacy floor driver.
 */
export class Harness {
  readonly population = new Population();
  private readonly dir = mkdtempSync(join(tmpdir(), 'resident-graph-bench-'));
  private readonly keysFile = join(this.dir, 'keys.json');
  private readonly running = new Set<LaunchedProcess>();

  private constructor(
    readonly keys: DevKeys,
    readonly signOn: DevSignOn,
    private readonly jwks: Server,
    readonly jwksUrl: string,
  ) {
    writeFileSync(this.keysFile, JSON.stringify(keys));
  }

  static async create(): Promise<Harness> {
    const keys = { signOn: await generateJwkKeyPair('ES256', 'bench-sign-on'), internal: await generateJwkKeyPair('EdDSA', 'bench-internal'), keySeal: KeySeal.generateSecret() };
    const signOn = await DevSignOn.create(keys.signOn);
    // The city sign-on's JWKS endpoint, as a production gateway fetches it.
    const body = JSON.stringify(signOn.jwks());
    const jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    return new Harness(keys, signOn, jwks, `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`);
  }

  /** `startAt` runs the legacy side's clock from that instant ("as if it were" that day). */
  async startBackend(faults: SystemFaults = {}, startAt?: Date, options: { freshReads?: boolean; shedding?: boolean; payments?: PaymentsConfig['payments'] } = {}): Promise<Backend> {
    const env = {
      // As deployed: graphql-js and Apollo Server skip their development checks.
      NODE_ENV: 'production',
      LEGACY_CONNECTIONS: String(BENCH_LEGACY_CONNECTIONS),
      ...(options.shedding === false ? { BENCH_SUBGRAPH_SHEDDING: 'false' } : {}),
      DEV_KEYS_FILE: this.keysFile,
      SIM_FAULTS: JSON.stringify(faults),
      LEGACY_FRESH_READS: String(options.freshReads ?? true),
      BENCH_DATA_DIR: mkdtempSync(join(this.dir, 'backend-data-')),
      ...(startAt ? { SIM_START: startAt.toISOString() } : {}),
      ...(options.payments ? { BENCH_PAYMENTS: JSON.stringify(options.payments) } : {}),
    };
    // It announces every subgraph and every simulator; wait for all of them.
    const process = await this.launch('backend', here('backend-main.js'), env, SUBGRAPH_NAMES.length + LEGACY_SYSTEMS.length, BACKEND_NODE_FLAGS);
    const pick = (prefix: string) =>
      Object.fromEntries(
        Object.entries(process.urls)
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), v]),
      );
    return { process, subgraphUrls: pick('subgraph:') as Record<SubgraphName, string>, simulatorUrls: pick('legacy:') as Record<LegacySystem, string> };
  }

  /** Our gateway (its own entry point, as deployed), the stock one, or the transport floor, in production mode. */
  async startGateway(variant: 'ours' | 'stock' | 'floor', backend: Backend, env: Record<string, string> = {}): Promise<LaunchedProcess> {
    return this.startGatewayWith(variant, { ...this.gatewayEnv(backend), ...env });
  }

  /**
   * A gateway variant with the whole of its environment given: a supergraph of another backend
   * than ours. `flags` replaces the Node flags it runs with (ours: its deployed heap flags).
   */
  async startGatewayWith(variant: 'ours' | 'stock' | 'floor', env: Record<string, string>, flags?: readonly string[]): Promise<LaunchedProcess> {
    const entries = { ours: join(__dirname, '..', 'gateway', 'main.js'), stock: here('stock-gateway-main.js'), floor: here('transport-floor-main.js') };
    // Ours as it is deployed, with its heap flags; the stock one and the floor with Node's defaults.
    return this.launch(`gateway:${variant}`, entries[variant], env, 1, flags ?? (variant === 'ours' ? GATEWAY_NODE_FLAGS : []));
  }

  /** The repeated-entities scenario's shop: four small subgraphs of its own, in a process of their own. */
  async startShop(): Promise<{ process: LaunchedProcess; urls: Record<ShopSubgraph, string> }> {
    const process = await this.launch('shop', here('repeated-entities/shop-graph-main.js'), {}, SHOP_SUBGRAPH_NAMES.length);
    const urls = Object.fromEntries(SHOP_SUBGRAPH_NAMES.map((name) => [name, process.urls[`subgraph:${name}`]])) as Record<ShopSubgraph, string>;
    return { process, urls };
  }

  /** A file in this run's own directory, removed when the harness closes. */
  writeFile(name: string, content: string): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  gatewayEnv(backend: Backend): Record<string, string> {
    return {
      ...this.productionGatewayEnv(),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, backend.subgraphUrls[name]])),
    };
  }

  /** A production gateway's settings apart from where its subgraphs are. */
  productionGatewayEnv(): Record<string, string> {
    return {
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'info',
      AUTH_JWKS_URL: this.jwksUrl,
      AUTH_ISSUER: DEV_ISSUER,
      INTERNAL_CREDENTIAL_PRIVATE_JWK: JSON.stringify(this.keys.internal.privateJwk),
      TRUSTED_DOCUMENTS_FILE,
      // Every request of a benchmark comes from one loopback address: limiting would measure the limiter.
      RATE_LIMIT_PER_PRINCIPAL: '0',
    };
  }

  /**
   * A production subgraph's settings apart from where things are: `NODE_ENV=production` (as the
   * services are deployed: no development checks in graphql-js or Apollo Server), this run's
   * service token for every legacy system (production refuses the development one), and the
   * embedded stores in a directory of its own, as a replica without `DATABASE_URL` keeps them.
   */
  productionSubgraphEnv(name: SubgraphName): Record<string, string> {
    const data = mkdtempSync(join(this.dir, `${name}-data-`));
    return {
      NODE_ENV: 'production',
      LEGACY_CONNECTIONS: String(BENCH_LEGACY_CONNECTIONS),
      ...Object.fromEntries(SERVICE_TOKEN_VARIABLES.map((variable) => [variable, BENCH_SERVICE_TOKEN])),
      AUDIT_DATA_DIR: join(data, 'audit'),
      HOUSING_OUTBOX_DIR: join(data, 'housing-outbox'),
      PAYMENTS_DB_DIR: join(data, 'payments'),
    };
  }

  /** The simulators' settings that go with `productionSubgraphEnv`. */
  productionLegacyEnv(): Record<string, string> {
    return { SIM_SERVICE_TOKEN: BENCH_SERVICE_TOKEN };
  }

  /** The keys file every process of a topology reads (development keys of this run). */
  writeKeysFile(): string {
    return this.keysFile;
  }

  async tokens(personIds: ReadonlyArray<number>): Promise<string[]> {
    return Promise.all(personIds.map((id) => this.signOn.issue(String(id))));
  }

  /**
   * Runs the load generator in its own process. Runs that share a credentials list carry on where
   * the previous one stopped, so a resident seen in a warm-up is not seen again at once.
   */
  async load(plan: LoadPlan): Promise<LoadResult> {
    const offset = this.credentialCursor.get(plan.credentials) ?? 0;
    const result = await this.runChild<LoadResult>(here('load-main.js'), { ...plan, offset });
    this.credentialCursor.set(plan.credentials, (offset + result.requests) % Math.max(1, plan.credentials.length));
    return result;
  }

  private readonly credentialCursor = new WeakMap<string[], number>();

  /** Runs the open-loop overload driver; like `load`, carries on through `credentials` from the previous run. */
  async overloadRun(plan: OverloadPlan): Promise<OverloadResult> {
    const offset = this.credentialCursor.get(plan.credentials) ?? 0;
    const result = await this.runChild<OverloadResult>(here('overload-driver-main.js'), { ...plan, offset });
    this.credentialCursor.set(plan.credentials, (offset + result.requests) % Math.max(1, plan.credentials.length));
    return result;
  }

  faultRun(plan: FaultPlan): Promise<FaultResult> {
    return this.runChild(here('fault-driver-main.js'), plan);
  }

  floor(plan: FloorPlan): Promise<{ p50: number; p99: number; count: number; errors: number; errorKinds?: Record<string, number> }> {
    return this.runChild(here('floor-main.js'), plan);
  }

  /** Requests each simulator served since the last reset. */
  async legacyCalls(backend: Backend): Promise<Record<LegacySystem, number>> {
    const entries = await Promise.all(
      Object.entries(backend.simulatorUrls).map(async ([system, url]) => {
        const res = await request(`${url}/__admin/stats`);
        return [system, ((await res.body.json()) as { total: number }).total] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<LegacySystem, number>;
  }

  async resetLegacyCalls(backend: Backend): Promise<void> {
    await Promise.all(Object.values(backend.simulatorUrls).map((url) => request(`${url}/__admin/stats/reset`, { method: 'POST' }).then((r) => r.body.dump())));
  }

  async stop(process: LaunchedProcess): Promise<void> {
    this.running.delete(process);
    await process.stop();
  }

  async close(): Promise<void> {
    await Promise.all([...this.running].map((p) => p.stop()));
    await new Promise<void>((resolve) => this.jwks.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(name: string, entry: string, env: Record<string, string>, expectUrls = 1, flags: readonly string[] = []): Promise<LaunchedProcess> {
    const launched = await launchProcess(name, entry, { env: { LOG_LEVEL: 'warn', ...env }, execArgv: [...flags, '-r', PROBE, ...profileFlags(name)], expectUrls });
    this.running.add(launched);
    return launched;
  }

  private runChild<T>(entry: string, plan: unknown): Promise<T> {
    const file = join(this.dir, `plan-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(plan));
    const child = startNodeProcess(entry, {
      args: [file],
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: profileFlags(entry.replace(/.*[/]/, '').replace(/\.js$/, '')),
    });
    return new Promise((resolve, reject) => {
      let result: T | undefined;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('result ')) result = JSON.parse(line.slice(7)) as T;
      });
      child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`${entry} exited with ${code} and no result`))));
    });
  }
}
