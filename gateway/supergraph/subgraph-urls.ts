import { placeholderUrl } from '../../schema';
import type { JoinGraph } from './join-graphs';

/**
 * The variable that overrides where subgraph `name` lives: `SUBGRAPH_<NAME>_URL`, the name
 * upper-cased with every character that is not a letter or digit as `_` (`library-cards` →
 * `SUBGRAPH_LIBRARY_CARDS_URL`).
 */
export function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** A supergraph whose subgraph URLs the gateway will not use; names the variable that would fix it. */
export class SubgraphUrlError extends Error {
  constructor(
    /** The `SUBGRAPH_<NAME>_URL` to set. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'SubgraphUrlError';
  }
}

/** Hosts that only ever mean "this machine". */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Where each subgraph of a supergraph really lives: the URL the supergraph file gives
 * (`@join__graph(url:)`), unless configuration overrides it by subgraph name. Any supergraph's
 * subgraphs are served alike; an override for a name the supergraph does not have is no error
 * (it may be for the next supergraph).
 *
 * A URL taken from the file is refused when it cannot be meant: our composition's placeholder
 * (`http://<name>.subgraphs.internal/graphql`, written only to be overridden) in any mode, and in
 * production a loopback address (localhost, 127/8, ::1), which in a supergraph file is a
 * development value left behind. An override is the operator's explicit word and is taken as
 * given, loopback included (one-machine production and a sidecar proxy use it).
 */
export class SubgraphUrls {
  /** Override URLs by their variable (`SUBGRAPH_RESIDENTS_URL`), so a name and its variable form meet. */
  private readonly overrides: ReadonlyMap<string, string>;

  /**
   * @param overrides URLs by subgraph name (or by the name's variable form, as read from
   *   `SUBGRAPH_<NAME>_URL`); default none: every URL comes from the supergraph.
   * @param options.production refuse loopback URLs the file gives (default false).
   */
  constructor(
    overrides: Readonly<Record<string, string>> = {},
    private readonly options: { production: boolean } = { production: false },
  ) {
    this.overrides = new Map(Object.entries(overrides).map(([name, url]) => [subgraphUrlVariable(name), url]));
  }

  /** The URL to call subgraph `name` at, given the one its supergraph names. */
  urlFor(name: string, fileUrl: string): string {
    return this.overrides.get(subgraphUrlVariable(name)) ?? fileUrl;
  }

  /**
   * Every subgraph's URL, or a `SubgraphUrlError` naming the variable to set when one is unusable
   * or when two subgraph names share a variable that is set (which one would it mean?).
   */
  resolve(graphs: ReadonlyArray<JoinGraph>): Map<string, string> {
    const resolved = new Map<string, string>();
    const byVariable = new Map<string, string>();
    for (const graph of graphs) {
      const variable = subgraphUrlVariable(graph.name);
      const override = this.overrides.get(variable);
      const other = byVariable.get(variable);
      if (other !== undefined && override !== undefined) {
        throw new SubgraphUrlError(variable, `the subgraphs "${other}" and "${graph.name}" both answer to ${variable}; rename one of them`);
      }
      byVariable.set(variable, graph.name);
      if (override !== undefined) {
        if (!isHttpUrl(override)) throw new SubgraphUrlError(variable, `${variable} must be an http(s) URL`);
        resolved.set(graph.name, override);
        continue;
      }
      if (!isHttpUrl(graph.url)) throw new SubgraphUrlError(variable, `the supergraph gives subgraph "${graph.name}" no http(s) URL; set ${variable}`);
      if (graph.url === placeholderUrl(graph.name)) {
        throw new SubgraphUrlError(variable, `the supergraph gives subgraph "${graph.name}" only the placeholder URL composition writes; set ${variable} to where it runs`);
      }
      if (this.options.production && isLoopback(new URL(graph.url).hostname)) {
        throw new SubgraphUrlError(variable, `the supergraph gives subgraph "${graph.name}" a loopback URL, which production does not take from a file; set ${variable} to where it runs`);
      }
      resolved.set(graph.name, graph.url);
    }
    return resolved;
  }
}
