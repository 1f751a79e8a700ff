export { AdjustableClock, systemClock, type Clock } from './clock';
export { ConfirmationLedger, type Confirmation, type ConfirmationCounts, type ConfirmationOutcome } from './confirmation-ledger';
export { citySignOnRoutes, SIGN_ON_FORM_PATH, type CitySignOnOptions } from './city-sign-on';
export { FaultTable, MALFORMED_KINDS, parseFaultRule, type FaultRule, type FaultSettings, type MalformedKind } from './faults';
export { SimHttpError, type Route, type SimRequest, type SimResponse, type SimulatorDefinition } from './http-types';
// Moscow calendar arithmetic, shared with the graph: through platform/time's public surface.
export {
  addDays,
  dayOfMonth,
  daysBetween,
  endOfMonth,
  fromMoscow,
  fromRussianDate,
  isLastDayOfMonth,
  monthsBetween,
  moscowDate,
  moscowIso,
  moscowLocal,
  moscowParts,
  startOfMonth,
  toMoscowInstant,
  toRussianDate,
} from '../../platform/time';
export { PORTAL_SESSION_TTL_MS, PortalSessions, sessionCookie, type SessionHolder } from './portal-sessions';
export { hash32, Seeded } from './seeded';
export { SignedTokens } from './signed-tokens';
export { DEFAULT_SERVICE_TOKEN, type SimulatorDeps } from './simulator-deps';
export { startSimulator, type AdminAccess, type RunningSimulator, type SimulatorOptions } from './simulator-server';
export { runStandalone } from './standalone';
