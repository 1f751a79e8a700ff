export { AmppClient, type AmppClientOptions } from './ampp-client';
export { AMPP_SYSTEM } from './ampp-mapper';
export { FinesClient, type FinesClientOptions } from './fines-client';
export { FINES_SYSTEM } from './fines-mapper';
export type {
  AmppPort,
  Fine,
  FineDiscount,
  FineStatus,
  FinesPort,
  Parking,
  ParkingAccount,
  ParkingSession,
  ParkingSessionStatus,
  ParkingZone,
  PermitStatus,
  ResidentPermit,
  SessionPage,
  StartedSession,
  StartSessionInput,
  StoppedSession,
} from './port';
export { AmppTopUpClient, type AmppTopUpClientOptions } from './topup-client';
export type { AccountTopUp, AmppTopUpPort, TopUpLimits, TopUpReceipt } from './topup-port';
