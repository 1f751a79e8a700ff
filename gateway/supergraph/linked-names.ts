import { type ConstDirectiveNode, type ConstValueNode, type DocumentNode, Kind } from 'graphql';

/** One `@link` of a supergraph: which spec, and how its elements are named in this document. */
interface SpecLink {
  /** `https://specs.apollo.dev/join`: the URL without its version. */
  identity: string;
  /** The prefix of its elements: `as:` if given, else the spec's name from the URL (`join`). */
  prefix: string;
  /** Imported directives by their spec name (`listSize`) → their name here (`listSize`, or an `as:`). */
  imports: ReadonlyMap<string, string>;
}

/**
 * How a supergraph names the directives of the specs it links (the core schema rules of
 * `@link`): an imported directive keeps its name or takes its `as:`; a directive named like its
 * spec (`@cost`, `@inaccessible`) is the prefix itself; any other is `prefix__name`
 * (`@join__type`). The gateway reads join and cost metadata through this, so a supergraph that
 * renames a spec with `as:` is read the same.
 */
export class LinkedNames {
  private readonly links: SpecLink[];

  constructor(document: DocumentNode) {
    this.links = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
      for (const directive of definition.directives ?? []) {
        const link = specLinkOf(directive);
        if (link) this.links.push(link);
      }
    }
  }

  /**
   * The name of directive `name` of the spec `identity` in this document, without `@`;
   * `undefined` when the document does not link the spec.
   */
  directive(identity: string, name: string): string | undefined {
    const link = this.links.find((l) => l.identity === identity);
    if (!link) return undefined;
    const imported = link.imports.get(name);
    if (imported) return imported;
    const specName = identity.slice(identity.lastIndexOf('/') + 1);
    return name === specName ? link.prefix : `${link.prefix}__${name}`;
  }
}

/** A `@link(url:, as:, import:)` of the schema, or `undefined` for any other directive. */
function specLinkOf(directive: ConstDirectiveNode): SpecLink | undefined {
  const argument = (name: string): ConstValueNode | undefined => directive.arguments?.find((a) => a.name.value === name)?.value;
  const url = argument('url');
  if (url?.kind !== Kind.STRING) return undefined;
  // https://specs.apollo.dev/join/v0.5 → identity https://specs.apollo.dev/join, name join.
  const match = /^(.*\/([A-Za-z_][A-Za-z0-9_-]*))\/v\d+\.\d+\/?$/.exec(url.value);
  if (!match?.[1] || !match[2]) return undefined;
  const as = argument('as');
  const imports = new Map<string, string>();
  const list = argument('import');
  for (const item of list?.kind === Kind.LIST ? list.values : []) {
    if (item.kind === Kind.STRING && item.value.startsWith('@')) imports.set(item.value.slice(1), item.value.slice(1));
    if (item.kind === Kind.OBJECT) {
      const field = (name: string) => item.fields.find((f) => f.name.value === name)?.value;
      const name = field('name');
      const alias = field('as');
      if (name?.kind === Kind.STRING && name.value.startsWith('@')) {
        imports.set(name.value.slice(1), alias?.kind === Kind.STRING ? alias.value.replace(/^@/, '') : name.value.slice(1));
      }
    }
  }
  return { identity: match[1], prefix: as?.kind === Kind.STRING ? as.value : match[2], imports };
}

/** The join spec: how types and fields map to subgraphs (keys, requires). */
export const JOIN_SPEC = 'https://specs.apollo.dev/join';
/** The demand-control spec Federation 2.9 composes `@cost` and `@listSize` into. */
export const COST_SPEC = 'https://specs.apollo.dev/cost';
