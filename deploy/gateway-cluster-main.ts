import cluster from 'node:cluster';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The gateway on several cores: a cluster primary forks `GATEWAY_WORKERS` (default: 2) workers
 * that run the gateway's own entry point and share one listening port. Prints `gateway <url>`
 * once every worker listens; SIGTERM stops the workers, which finish their requests in flight;
 * SIGHUP is passed on to every worker, which reloads its supergraph.
 */
const workers = Number(process.env.GATEWAY_WORKERS ?? 2);
if (!Number.isInteger(workers) || workers < 1) {
  process.stderr.write(`GATEWAY_WORKERS must be a positive whole number, got ${process.env.GATEWAY_WORKERS}\n`);
  process.exit(1);
}
const entry = join(__dirname, '..', 'gateway', __filename.endsWith('.ts') ? 'main.ts' : 'main.js');
cluster.setupPrimary({ exec: entry, silent: true, execArgv: process.execArgv });

let ready = 0;
let url: string | undefined;
for (let i = 0; i < workers; i++) {
  const worker = cluster.fork();
  createInterface({ input: worker.process.stdout! }).on('line', (line) => {
    const [label, address] = line.split(' ');
    if (label === 'gateway' && address?.startsWith('http')) {
      url ??= address;
      if (++ready === workers) process.stdout.write(`gateway ${url}\n`);
      return;
    }
    process.stdout.write(`${line}\n`);
  });
  worker.process.stderr?.pipe(process.stderr);
}
cluster.on('exit', (_worker, code) => {
  if (!stopping && code !== 0) process.stderr.write(`a gateway worker exited with ${code}\n`);
  if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
});
let stopping = false;
const stop = (): void => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('SIGHUP', () => {
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
});
