import { type ConstDirectiveNode, type DefinitionNode, Kind, type Location, parse, Source } from 'graphql';
import type { SubgraphContract } from '../composition';

/**
 * Where each type, field, argument and enum value is declared in the subgraph contracts, so a
 * finding about `Referral.clinicName` can say `schema/health.graphql:171 (health)`. Fields a
 * contract only references (@external) do not count: the department to talk to is the owner.
 */
export class CoordinateIndex {
  private constructor(private readonly places: ReadonlyMap<string, ReadonlyArray<string>>) {}

  static of(contracts: ReadonlyArray<SubgraphContract>): CoordinateIndex {
    const places = new Map<string, string[]>();
    const add = (coordinate: string, contract: SubgraphContract, loc: Location | undefined): void => {
      const place = `${contract.file}:${loc?.startToken.line ?? 1} (${contract.name})`;
      places.set(coordinate, [...(places.get(coordinate) ?? []), place]);
    };
    for (const contract of contracts) {
      let definitions: ReadonlyArray<DefinitionNode>;
      try {
        definitions = parse(new Source(contract.sdl, contract.file)).definitions;
      } catch {
        continue; // composition reports the syntax error itself
      }
      for (const definition of definitions) {
        if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
        const type = definition.name.value;
        add(type, contract, definition.loc);
        if ('fields' in definition) {
          for (const field of definition.fields ?? []) {
            if (isExternal(field.directives)) continue;
            add(`${type}.${field.name.value}`, contract, field.loc);
            if ('arguments' in field) for (const arg of field.arguments ?? []) add(`${type}.${field.name.value}.${arg.name.value}`, contract, arg.loc);
          }
        }
        if ('values' in definition) for (const value of definition.values ?? []) add(`${type}.${value.name.value}`, contract, value.loc);
      }
    }
    return new CoordinateIndex(places);
  }

  /**
   * Where `path` is declared; for something removed, where its nearest surviving parent is
   * (the field's type, the argument's field), named as such.
   */
  placesOf(path: string | undefined): string[] {
    if (!path) return [];
    const own = this.places.get(path);
    if (own) return [`${path}: ${own.join(', ')}`];
    const segments = path.split('.');
    for (let end = segments.length - 1; end > 0; end--) {
      const parent = segments.slice(0, end).join('.');
      const found = this.places.get(parent);
      if (found) return [`${path} (not in any contract now); ${parent}: ${found.join(', ')}`];
    }
    return [`${path} (not in any contract now)`];
  }
}

function isExternal(directives: ReadonlyArray<ConstDirectiveNode> | undefined): boolean {
  return (directives ?? []).some((directive) => directive.name.value === 'external');
}
