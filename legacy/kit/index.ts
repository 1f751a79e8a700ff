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
export { type CitySignOnOptions, citySignOnRoutes, SIGN_ON_FORM_PATH } from './city-sign-on';
export { AdjustableClock, type Clock, systemClock } from './clock';
export { type Confirmation, type ConfirmationCounts, ConfirmationLedger, type ConfirmationOutcome } from './confirmation-ledger';
export { type FaultRule, type FaultSettings, FaultTable, MALFORMED_KINDS, type MalformedKind, parseFaultRule } from './faults';
export { type Route, SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition } from './http-types';
export { PORTAL_SESSION_TTL_MS, PortalSessions, type SessionHolder, sessionCookie } from './portal-sessions';
export { hash32, Seeded } from './seeded';
export { SignedTokens } from './signed-tokens';
export { DEFAULT_SERVICE_TOKEN, type SimulatorDeps } from './simulator-deps';
export { type AdminAccess, type RunningSimulator, type SimulatorOptions, startSimulator } from './simulator-server';
export { runStandalone } from './standalone';
