import type { AdmissionOptions } from '../../platform/http';

/**
 * A subgraph counts itself congested at twice the gateway's queueing target. Its refusal nulls
 * fields of an answer the gateway has partly served, where the gateway's refuses a whole request
 * before any work; the gateway hears each subgraph's queueing delay on its answers and acts at
 * 5 ms, so it sheds first, and a subgraph sheds only what the gateways in front of it let through
 * beyond what it can serve (several gateways, or one that is not ours).
 */
export const SUBGRAPH_ADMISSION: AdmissionOptions = { queueDelayTargetMs: 10 };
