export { type DevKeys, loadOrCreateDevKeys } from './dev-keys';
export { DevSignOn } from './dev-sign-on';
