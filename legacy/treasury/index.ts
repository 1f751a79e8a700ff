export { accountOf, type TreasuryAccountPayload } from './accounts';
export { createTreasurySimulator } from './simulator';
