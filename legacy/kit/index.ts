export { AdjustableClock, systemClock, type Clock } from './clock';
export { FaultTable, MALFORMED_KINDS, parseFaultRule, type FaultRule, type FaultSettings, type MalformedKind } from './faults';
export { SimHttpError, type Route, type SimRequest, type SimResponse, type SimulatorDefinition } from './http-types';
export * from '../../platform/time/moscow-time';
export { hash32, Seeded } from './seeded';
export { SignedTokens } from './signed-tokens';
export { DEFAULT_SERVICE_TOKEN, type SimulatorDeps } from './simulator-deps';
export { startSimulator, type AdminAccess, type RunningSimulator, type SimulatorOptions } from './simulator-server';
export { runStandalone } from './standalone';
