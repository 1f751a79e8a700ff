import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { type LegacyReply, LegacyTransport } from '../adapters/transport';
import { startNodeProcess } from '../deploy/node-process';
import { runInRequestScope } from '../platform/request-scope';

/**
 * What one legacy call costs this process in CPU, through the transport and bare:
 * `npx tsx bench/legacy-call-cost.ts [calls]`. The legacy system is a node:http server in a child
 * process answering 2 KB of JSON, so `process.cpuUsage()` here counts the client alone. Calls run
 * 16 at a time inside request scopes of eight principals, as a subgraph makes them; a bare undici
 * `Pool.request` to the same server is the floor no transport gets under. Each figure is the median
 * of five rounds, so a neighbour's burst on a shared machine moves it little.
 */
const CALLS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = 16;
const ROUNDS = 5;

const SERVER = `
const body = JSON.stringify({ items: Array.from({ length: 24 }, (_, i) => ({ id: i, name: 'item ' + i, value: 'x'.repeat(48) })) });
require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body)); })
  .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });
`;

async function main(): Promise<void> {
  const server = startNodeProcess('-e', { args: [SERVER], env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const decode = (reply: LegacyReply): unknown => JSON.parse(reply.body);

  const transport = new LegacyTransport({ system: 'bench', baseUrl, timeoutMs: 5_000, connections: 32 });
  const pool = new Pool(baseUrl, { connections: 32, keepAliveTimeout: 30_000 });
  const inScope = <T>(i: number, fn: () => Promise<T>): Promise<T> => runInRequestScope({ requestId: `bench-${i}`, deadline: Date.now() + 5_000, principalKey: `resident:${i % 8}` }, fn);

  const scenarios: Record<string, (i: number) => Promise<unknown>> = {
    'bare undici Pool.request': async () => JSON.parse(await (await pool.request({ method: 'GET', path: '/items' })).body.text()),
    'transport, a read': (i) => inScope(i, () => transport.call({ method: 'GET', path: '/items', endpoint: 'GET /items' }, decode)),
    'transport, a read kept for stale-if-error': (i) =>
      inScope(i, () => transport.call({ method: 'GET', path: '/items', endpoint: 'GET /items', cache: { key: `items:${i % 64}`, staleMs: 60_000 } }, decode)),
  };

  for (const [name, call] of Object.entries(scenarios)) {
    await run(call, 2_000);
    const rounds: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const before = process.cpuUsage();
      await run(call, CALLS);
      const used = process.cpuUsage(before);
      rounds.push((used.user + used.system) / CALLS);
    }
    rounds.sort((a, b) => a - b);
    process.stdout.write(`${name.padEnd(44)} ${rounds[Math.floor(ROUNDS / 2)]!.toFixed(1)} µs CPU per call (rounds ${rounds.map((r) => r.toFixed(1)).join(' ')})\n`);
  }
  await transport.close();
  await pool.close();
  server.kill();
}

/** `count` calls, `CONCURRENCY` at a time. */
async function run(call: (i: number) => Promise<unknown>, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await call(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

void main();
