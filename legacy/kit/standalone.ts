import { parseArgs } from 'node:util';
import { ConfigError, type Env, envOptional, isProduction } from '../../platform/config';
import { Population } from '../population';
import { AdjustableClock } from './clock';
import type { SimulatorDefinition } from './http-types';
import { DEFAULT_SERVICE_TOKEN, type SimulatorDeps } from './simulator-deps';
import { type AdminAccess, startSimulator } from './simulator-server';

/** An admin token shorter than this is refused: it guards fault injection and the clock. */
const MIN_ADMIN_TOKEN_LENGTH = 16;

/**
 * Runs one simulator as its own process: `node dist/legacy/<system>/main.js --port 8101`.
 * Flags: --port, --host, --seed (must match the other simulators of the same city),
 * --now (pin the clock to an ISO instant), --latency-ms and --jitter-ms (added to every call),
 * --service-token (what integration clients must present; or `SIM_SERVICE_TOKEN`).
 * `SIM_ADMIN_TOKEN` makes `/__admin` ask for `Authorization: Bearer <token>`.
 *
 * With `NODE_ENV=production` the simulator takes the production posture: it refuses to start
 * without a service token of its own (the development one is public), and `/__admin` is off
 * unless `SIM_ADMIN_TOKEN` is set. In development, the admin endpoints are open to anyone
 * (unless a token is set) and the service token defaults to `dev-service-token`.
 */
export async function runStandalone(create: (deps: SimulatorDeps) => SimulatorDefinition, argv = process.argv.slice(2), env: Env = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'service-token': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO-8601 instant, got ${values.now}`);
  const latencyMs = Number(values['latency-ms'] ?? 0);
  const jitterMs = Number(values['jitter-ms'] ?? 0);
  if (!(latencyMs >= 0) || !(jitterMs >= 0)) throw new Error('--latency-ms and --jitter-ms must be non-negative numbers');
  const { serviceToken, admin } = standalonePosture(values['service-token'], env);

  const clock = new AdjustableClock(now);
  const population = new Population(values.seed ? { seed: values.seed } : {});
  const definition = create({ population, clock, serviceToken });
  const running = await startSimulator(definition, {
    port,
    host: values.host,
    clock,
    faults: latencyMs || jitterMs ? [{ latencyMs, jitterMs }] : [],
    admin,
  });
  process.stdout.write(`legacy:${definition.system} ${running.url}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The service token and who may use `/__admin`, by posture: see runStandalone. */
function standalonePosture(flag: string | undefined, env: Env): { serviceToken: string; admin: AdminAccess } {
  const production = isProduction(env);
  const serviceToken = flag ?? envOptional(env, 'SIM_SERVICE_TOKEN');
  if (production && serviceToken === undefined) throw new ConfigError('--service-token', 'is required in production (or SIM_SERVICE_TOKEN)');
  if (production && serviceToken === DEFAULT_SERVICE_TOKEN) throw new ConfigError('--service-token', 'is the development value; production needs its own');
  const adminToken = envOptional(env, 'SIM_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) throw new ConfigError('SIM_ADMIN_TOKEN', `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  const admin: AdminAccess = adminToken ? { kind: 'token', token: adminToken } : production ? { kind: 'off' } : { kind: 'open' };
  return { serviceToken: serviceToken ?? DEFAULT_SERVICE_TOKEN, admin };
}
