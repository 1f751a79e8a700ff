import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { knownOperationTypes } from '../limits';

/** What Apollo Sandbox opens with, for developers on the graph. */
export interface SandboxOptions {
  /** The operations it opens with, in one document (Sandbox runs the one chosen). Default none. */
  operations?: ReadonlyArray<string>;
  /** Request headers filled in already, e.g. a demo resident's `Authorization`. Default none. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Apollo Sandbox at the endpoint's own URL in a browser, in development only; production answers a
 * browser with nothing (no landing page). It opens on the endpoint it was loaded from (so each
 * contract variant's shows only that variant's schema), with `operations` as its document and
 * `headers` filled in, polls for schema changes (the supergraph reloads), and sends Apollo no
 * usage data. Sandbox itself is loaded from Apollo's CDN by the browser.
 */
export function useSandbox(options: SandboxOptions & { production: boolean }): ApolloServerPlugin {
  if (options.production) return ApolloServerPluginLandingPageDisabled();
  return ApolloServerPluginLandingPageLocalDefault({
    embed: { runTelemetry: false, endpointIsEditable: false, initialState: { pollForSchemaUpdates: true } },
    includeCookies: false,
    ...(options.operations?.length ? { document: options.operations.join('\n\n') } : {}),
    ...(options.headers ? { headers: { ...options.headers } } : {}),
  });
}

/**
 * The operations of `dir` (`operations/*.graphql`, the frontends' registered operations), each
 * file one document, in name order. No folder (a container image): none.
 */
export function readOperations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8').trim());
}

/** Those of `operations` that validate against `schema`: what a contract variant's Sandbox opens with. */
export function operationsValidIn(operations: ReadonlyArray<string>, schema: GraphQLSchema): string[] {
  return operations.filter((text) => {
    try {
      return validate(schema, parse(text), [...specifiedRules, knownOperationTypes]).length === 0;
    } catch {
      return false;
    }
  });
}
