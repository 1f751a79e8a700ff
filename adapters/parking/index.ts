export { AmppClient, type AmppClientOptions } from './ampp-client';
export { FinesClient, type FinesClientOptions } from './fines-client';
export { AmppTopUpClient, type AmppTopUpClientOptions } from './topup-client';
export type { AccountTopUp, AmppTopUpPort, TopUpLimits, TopUpReceipt } from './topup-port';
export { AMPP_SYSTEM } from './ampp-mapper';
export { FINES_SYSTEM } from './fines-mapper';
export type {
  AmppPort,
  Fine,
  FineDiscount,
  FinesPort,
  FineStatus,
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
