export { buildManifest, ManifestError, PersistedQueryManifestSchema, sha256Hex, TrustedDocuments, type PersistedQueryManifest } from './manifest';
export { useTrustedDocuments } from './plugin';
