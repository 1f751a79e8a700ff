export { composeManifest, MANIFEST_FILE } from './compose-manifest';
export { publishedOperation, RESIDENT_DASHBOARD } from './published-operations';
