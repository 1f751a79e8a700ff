import { type ASTNode, type ConstDirectiveNode, type ConstValueNode, Kind } from 'graphql';

/** The applications of directive `name` on a schema element's definition and its extensions. */
export function directivesNamed(nodes: ReadonlyArray<ASTNode | null | undefined>, name: string | undefined): ConstDirectiveNode[] {
  if (!name) return [];
  const found: ConstDirectiveNode[] = [];
  for (const node of nodes) {
    if (!node || !('directives' in node) || !node.directives) continue;
    for (const directive of node.directives as ReadonlyArray<ConstDirectiveNode>) if (directive.name.value === name) found.push(directive);
  }
  return found;
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** A string argument of a directive application (a field set, a URL), if given as a string. */
export function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** An integer argument of a directive application (a weight, a size), if given as an integer. */
export function intArgument(directive: ConstDirectiveNode, name: string): number | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

/** A list-of-strings argument (slicing arguments, sized fields); a single string counts as a list of one. */
export function stringListArgument(directive: ConstDirectiveNode, name: string): string[] {
  const value = argument(directive, name);
  if (value?.kind === Kind.STRING) return [value.value];
  return value?.kind === Kind.LIST ? value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [];
}
