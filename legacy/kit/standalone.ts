import { parseArgs } from 'node:util';
import { Population } from '../population';
import { AdjustableClock } from './clock';
import type { SimulatorDefinition } from './http-types';
import { DEFAULT_SERVICE_TOKEN, type SimulatorDeps } from './simulator-deps';
import { startSimulator } from './simulator-server';

/**
 * Runs one simulator as its own process: `node dist/legacy/<system>/main.js --port 8101`.
 * Flags: --port, --host, --seed (must match the other simulators of the same city),
 * --now (pin the clock to an ISO instant), --latency-ms and --jitter-ms (added to every call),
 * --service-token (what integration clients must present).
 */
export async function runStandalone(create: (deps: SimulatorDeps) => SimulatorDefinition, argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'service-token': { type: 'string', default: DEFAULT_SERVICE_TOKEN },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO-8601 instant, got ${values.now}`);
  const latencyMs = Number(values['latency-ms'] ?? 0);
  const jitterMs = Number(values['jitter-ms'] ?? 0);
  if (!(latencyMs >= 0) || !(jitterMs >= 0)) throw new Error('--latency-ms and --jitter-ms must be non-negative numbers');

  const clock = new AdjustableClock(now);
  const population = new Population(values.seed ? { seed: values.seed } : {});
  const definition = create({ population, clock, serviceToken: values['service-token'] });
  const running = await startSimulator(definition, {
    port,
    host: values.host,
    clock,
    faults: latencyMs || jitterMs ? [{ latencyMs, jitterMs }] : [],
  });
  process.stdout.write(`legacy:${definition.system} ${running.url}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
