export { buildManifest, ManifestError, type PersistedQueryManifest, PersistedQueryManifestSchema, sha256Hex, TrustedDocuments } from './manifest';
export { useTrustedDocuments } from './plugin';
