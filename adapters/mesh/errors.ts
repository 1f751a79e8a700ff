import { LegacyBadResponseError, type LegacyError, LegacyNotFoundError, LegacyRejectionError, type LegacyReply } from '../transport';
import { WireMeshError } from './wire';

export const MESH_SYSTEM = 'mesh';

/**
 * MESH refused the request's parameters (HTTP 400). The subgraph validates arguments before
 * calling, so this is MESH disagreeing with us, as a real MESH does with the simulator's
 * *(designed)* comma-separated batch forms: the client then asks one student at a time.
 */
export class MeshParametersRefusedError extends LegacyRejectionError {
  constructor(endpoint: string) {
    super(MESH_SYSTEM, endpoint, 'BAD_USER_INPUT', 'MESH refused the request parameters');
  }
}

/**
 * A MESH reply that is not 200, as a typed error. MESH answers `{ type, description, details }`
 * with the HTTP status; 429 and 5xx never get here (the transport has turned them into
 * LEGACY_RATE_LIMITED and LEGACY_UNAVAILABLE). The description is MESH's own text and may name
 * the student it refused, so the errors carry a fixed reason instead of it.
 */
export function meshErrorOf(reply: LegacyReply, endpoint: string): LegacyError {
  const body = parseErrorBody(reply.body);
  switch (reply.status) {
    case 400:
      return new MeshParametersRefusedError(endpoint);
    case 401:
      return new LegacyBadResponseError(MESH_SYSTEM, endpoint, 'MESH refused the service credentials or the profile');
    case 403:
      return new LegacyRejectionError(MESH_SYSTEM, endpoint, 'FORBIDDEN', 'MESH does not let this profile see the student');
    case 404:
      return new LegacyNotFoundError(MESH_SYSTEM, endpoint);
    default:
      return new LegacyBadResponseError(MESH_SYSTEM, endpoint, body ? `unexpected HTTP ${reply.status} (${body.type})` : `unexpected HTTP ${reply.status}`);
  }
}

/** The error body when it has MESH's shape; only its `type` (a fixed word) is ever used. */
function parseErrorBody(text: string): WireMeshError | undefined {
  try {
    const parsed = WireMeshError.safeParse(JSON.parse(text));
    return parsed.success && /^[a-z_]{1,40}$/.test(parsed.data.type) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
