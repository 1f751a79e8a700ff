export { TreasuryClient, type TreasuryClientOptions } from './client';
export { TREASURY_SYSTEM, treasuryErrorOf } from './errors';
export { toTreasurySummary } from './mapper';
export type { TreasuryAccountStatus, TreasuryPort, TreasurySummary } from './port';
