import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { startEmbeddedSystem } from '../deploy/embedded-system';
import { startNodeProcess } from '../deploy/node-process';
import { demoResidents } from '../legacy/population';
import { RESIDENT_DASHBOARD } from '../operations';
import { startTracing, tracingConfigFromEnv } from '../platform/telemetry';

/**
 * What tracing costs a dashboard in CPU: `npx tsx bench/tracing-cost.ts [dashboards]`. Each mode
 * runs in a process of its own — the whole graph embedded (simulators, subgraphs, gateway) and
 * the client — and reports that process's CPU per dashboard, the median of five rounds:
 *
 * - off: no `OTEL_EXPORTER_OTLP_ENDPOINT`, as a service without a collector runs;
 * - sampled out: the SDK loaded, `OTEL_TRACES_SAMPLER=always_off`, so spans are made but not recorded;
 * - on: every dashboard traced and exported (OTLP/HTTP protobuf) to a sink in this process.
 *
 * The figures are ratios of one run on one machine, not absolute costs.
 */
const DASHBOARDS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 200);
const ROUNDS = 5;
const CONCURRENCY = 4;

async function measure(): Promise<void> {
  const tracing = startTracing(tracingConfigFromEnv(process.env), { serviceName: 'bench' });
  // One resident asks hundreds of dashboards a minute here: no rate limit.
  const system = await startEmbeddedSystem({
    logLevel: 'silent',
    now: new Date('2026-11-21T12:00:00+03:00'),
    gateway: { rateLimit: false },
    ...(tracing.tracer ? { tracer: tracing.tracer } : {}),
  });
  const family = demoResidents(system.population).find((d) => d.key === 'family')!.person;
  const token = await system.tokenFor(family.id);
  const body = JSON.stringify({ query: RESIDENT_DASHBOARD });
  const dashboard = async (): Promise<void> => {
    const res = await request(system.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const text = await res.body.text();
    if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`dashboard failed: ${res.statusCode}`);
  };
  const run = async (count: number): Promise<void> => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < count) await dashboard();
      }),
    );
  };
  await run(50);
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = process.cpuUsage();
    await run(DASHBOARDS);
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / DASHBOARDS / 1000);
  }
  await system.close();
  await tracing.shutdown();
  process.stdout.write(`${JSON.stringify(rounds.sort((a, b) => a - b))}\n`);
}

async function main(): Promise<void> {
  let spans = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      spans++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  const modes: Record<string, Record<string, string>> = {
    off: {},
    'sampled out': { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'always_off' },
    on: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
  };
  const medians: Record<string, number> = {};
  for (const [mode, env] of Object.entries(modes)) {
    const child = startNodeProcess(__filename, {
      execArgv: process.execArgv,
      args: ['--measure', String(DASHBOARDS)],
      env: { ...withoutOtel(process.env), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${mode}: the measuring process exited with ${code}`)));
    });
    const rounds = JSON.parse(line) as number[];
    medians[mode] = rounds[Math.floor(rounds.length / 2)]!;
    process.stdout.write(`${mode.padEnd(12)} ${medians[mode]!.toFixed(2)} ms CPU per dashboard (rounds ${rounds.map((r) => r.toFixed(2)).join(' ')})\n`);
  }
  process.stdout.write(`export requests received: ${spans}\n`);
  sink.close();
}

function withoutOtel(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('OTEL_')));
}

if (process.argv.includes('--measure')) void measure();
else void main();
