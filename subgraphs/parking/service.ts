import { randomUUID } from 'node:crypto';
import { AmppClient, FinesClient } from '../../adapters/parking';
import { RegistryClient } from '../../adapters/registry';
import { developmentDefault, developmentSecret, type Env, envString, envUrl } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { type Clock, systemClock } from '../../platform/time';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import type { ParkingContext } from './context';
import { createParkingLoaders } from './loaders';
import { parkingResolvers } from './resolvers';

export type ParkingConfig = SubgraphConfig & {
  /** AMPP's REST API. */
  parkingUrl: string;
  /** The SOAP fines service; the parking operator serves it beside AMPP unless told otherwise. */
  finesUrl: string;
  /** The token AMPP and the fines service issued to the graph. */
  parkingServiceToken: string;
};

/**
 * Standalone: `PORT` (default 4105), `PARKING_URL` (default http://127.0.0.1:8105), `FINES_URL`
 * (default PARKING_URL), `PARKING_SERVICE_TOKEN` (default `dev-service-token`), and the variables
 * every subgraph reads. Production (`NODE_ENV=production`) requires `PARKING_URL` and a real
 * `PARKING_SERVICE_TOKEN`.
 */
export function parkingConfigFromEnv(env: Env): ParkingConfig {
  const parkingUrl = envUrl(env, 'PARKING_URL', developmentDefault('http://127.0.0.1:8105'));
  return {
    ...subgraphConfigFromEnv(env, 4105),
    parkingUrl,
    finesUrl: envUrl(env, 'FINES_URL', parkingUrl),
    parkingServiceToken: envString(env, 'PARKING_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
  };
}

export interface ParkingSubgraphOptions extends SubgraphOptions {
  /** The clock the early-payment discount is judged by; tests pin it to the simulator's. Default: real time. */
  clock?: Clock;
}

/**
 * The parking subgraph over AMPP and the fines service. Two transports even when both live at one
 * URL: each system gets its own pool, deadline and name in errors, so a fines outage is reported
 * as `fines` and cannot exhaust the sockets AMPP needs.
 */
export function createParkingSubgraph(config: ParkingConfig, logger: Logger, options: ParkingSubgraphOptions = {}): SubgraphDefinition<ParkingContext> {
  const clock = options.clock ?? systemClock;
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const ampp = new AmppClient({ transport: transports.create('parking', config.parkingUrl), serviceToken: config.parkingServiceToken });
  const fines = new FinesClient({ transport: transports.create('fines', config.finesUrl), serviceToken: config.parkingServiceToken });
  const registry = new RegistryClient({ transport: transports.create('registry', config.registryUrl), serviceToken: config.registryServiceToken });
  return {
    name: 'parking',
    typeDefs: loadContract('parking'),
    resolvers: parkingResolvers,
    extendContext: (base) => ({ ...base, ampp, clock, loaders: createParkingLoaders({ ampp, fines, registry }) }),
    // AMPP's session is opened before traffic so no resident's request pays for the sign-in; if
    // AMPP is down now, the first account call signs in instead. No request is being served, so
    // the sign-in gets a scope of its own: an id and a deadline.
    ready: () => runInRequestScope({ requestId: randomUUID(), deadline: Date.now() + config.legacyTimeoutMs, work: 'service' }, () => ampp.openSession()).catch(() => undefined),
    close: closeOwn,
  };
}
