import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config';

/** The label every operation name outside the published set shares. */
export const OTHER_OPERATION = 'other';

/** `ResidentDashboard__health__1`: the name @apollo/gateway gives a subgraph fetch of `ResidentDashboard`. */
const SUBGRAPH_FETCH_SUFFIX = /__[A-Za-z0-9_]+__\d+$/;

/**
 * Operation names as spans may carry them: a name the portal published (the trusted-documents
 * manifest) as it is, anything else as `other`. An operation name is free text the client writes,
 * and development accepts any, so a span must not carry one the graph did not publish: it could
 * hold a name, a SNILS, anything.
 */
export class OperationLabels {
  private readonly known: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.known = new Set(names);
  }

  /**
   * The names in the committed manifest (`operations/persisted-query-manifest.json`, which the
   * image carries). Without the file every operation is `other`.
   */
  static published(file = join(repoRoot(), 'operations', 'persisted-query-manifest.json')): OperationLabels {
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { operations?: Array<{ name?: unknown }> };
      return new OperationLabels((manifest.operations ?? []).map((op) => op.name).filter((name): name is string => typeof name === 'string'));
    } catch {
      return new OperationLabels([]);
    }
  }

  /**
   * The label of `name`: itself when published; for a subgraph fetch the gateway named after a
   * published operation, that operation's name; otherwise `other`.
   */
  label(name: string | null | undefined): string {
    if (!name) return OTHER_OPERATION;
    if (this.known.has(name)) return name;
    const fetched = name.replace(SUBGRAPH_FETCH_SUFFIX, '');
    return fetched !== name && this.known.has(fetched) ? fetched : OTHER_OPERATION;
  }
}
