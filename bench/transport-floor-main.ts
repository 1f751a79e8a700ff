import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type PlanNode, QueryPlanner, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { Agent, request } from 'undici';
import { gatewayConfigFromEnv, SubgraphUrls, TokenVerifier } from '../gateway';
import { RESIDENT_DASHBOARD } from '../operations';
import { ANONYMOUS, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, type Principal } from '../platform/auth';

/**
 * The gateway-cost scenario's floor: the least a gateway in Node can do for a dashboard. It makes
 * the same five subgraph calls as the query plan (over undici, with the same cached token check
 * and internal credentials), merges what they answer and writes it back, and nothing else: no
 * Apollo Server, no validation, no result shaping, no error handling, no logging. It is not a
 * gateway anyone should run; it shows how much of a gateway's CPU per dashboard is HTTP and JSON
 * that no executor can avoid, and so how much is left for GraphQL work.
 */
async function main(): Promise<void> {
  const config = gatewayConfigFromEnv(process.env);
  const verifier = new TokenVerifier(config.auth);
  const issuer = await InternalCredentialIssuer.create({ privateJwk: config.internalPrivateJwk });
  const supergraph = Supergraph.build(config.supergraphSdl);
  const urls = new SubgraphUrls(config.subgraphUrls, { production: config.production });
  const subgraphUrls = new Map(supergraph.subgraphsMetadata().map(({ name, url }) => [name, urls.urlFor(name, url)]));
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(RESIDENT_DASHBOARD)));
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

  const run = async (node: PlanNode, data: Record<string, unknown>, principal: Principal): Promise<void> => {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await run(child, data, principal);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => run(child, data, principal)));
        return;
      case 'Flatten':
        await fetchInto(node.node as FetchNode, entitiesAt(data, node.path as string[]), principal);
        return;
      case 'Fetch':
        await fetchInto(node, [data], principal);
        return;
      default:
        throw new Error(`the floor does not run ${node.kind} nodes`);
    }
  };

  const fetchInto = async (fetch: FetchNode, entities: Array<Record<string, unknown>>, principal: Principal): Promise<void> => {
    const representations = fetch.requires ? entities.map((e) => pick(e, fetch.requires!)) : undefined;
    const response = await request(subgraphUrls.get(fetch.serviceName) ?? '', {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: await issuer.credentialFor(principal, fetch.serviceName) },
      body: JSON.stringify({ query: fetch.operation, operationName: fetch.operationName, variables: representations ? { representations } : {} }),
    });
    const body = JSON.parse(await response.body.text()) as { data?: Record<string, unknown> };
    if (!representations) Object.assign(entities[0]!, body.data);
    else for (const [i, received] of ((body.data?._entities as Array<Record<string, unknown>> | undefined) ?? []).entries()) Object.assign(entities[i]!, received);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for await (const _chunk of req);
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const principal = token ? await verifier.verify(token) : ANONYMOUS;
    const data: Record<string, unknown> = {};
    await run(plan.node as PlanNode, data, principal);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(Number(config.port), config.host, resolve));
  process.stdout.write(`gateway:floor http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
  const stop = (): void => void server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The objects at a plan path (`me`, `me.children.@`). */
function entitiesAt(data: unknown, path: readonly string[]): Array<Record<string, unknown>> {
  let level: unknown[] = [data];
  for (const step of path) {
    level = step === '@' ? level.flatMap((v) => (Array.isArray(v) ? v : [])) : level.map((v) => (v as Record<string, unknown> | null)?.[step]);
  }
  return level.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

/** An entity's representation: the `requires` selection picked from what is already fetched. */
function pick(source: Record<string, unknown>, selections: readonly QueryPlanSelectionNode[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of selections) {
    if (s.kind === 'InlineFragment') {
      Object.assign(out, pick(source, s.selections));
      continue;
    }
    const value = source[s.name];
    const sub = s.selections;
    out[s.name] = !sub || value === null ? value : Array.isArray(value) ? value.map((v) => pick(v as Record<string, unknown>, sub)) : pick(value as Record<string, unknown>, sub);
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`transport floor failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
