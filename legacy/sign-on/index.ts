export { loadOrCreateDevKeys, type DevKeys } from './dev-keys';
export { DevSignOn } from './dev-sign-on';
