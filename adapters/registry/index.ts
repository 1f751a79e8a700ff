export { RegistryClient, type RegistryClientOptions } from './client';
export { toPersonRecord } from './mapper';
export type { PersonRecord, RegisteredAddress, RegistryPort, VehicleKey } from './port';
