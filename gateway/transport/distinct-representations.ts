import type { GraphQLFormattedError } from 'graphql';

/**
 * An entity fetch's representations, each distinct one once, and where each of the fetch's
 * entities finds its answer among them.
 *
 * `@apollo/gateway` builds one representation per entity it reached, repeats and all: a list of
 * fifty reviews of eleven products asks the inventory subgraph for fifty products. Sending each
 * distinct representation once and expanding the answer back is what Hive Gateway and Apollo
 * Router do; the subgraph resolves fewer, serialises fewer and the gateway parses fewer.
 */
export interface DistinctRepresentations {
  /** Each distinct representation as JSON, in the order first met. */
  readonly texts: ReadonlyArray<string>;
  /** For each representation the gateway built, by its index, the index of its text in `texts`. */
  readonly slotOf: ReadonlyArray<number>;
}

/**
 * Groups representations by their JSON text. The gateway builds every representation of one fetch
 * from the same `@key`/`@requires` selection, so the same entity always serialises the same way;
 * two that differ in any field stay apart. A representation that JSON cannot carry (undefined)
 * is its own slot, as it would be sent.
 */
export function distinctRepresentations(representations: ReadonlyArray<unknown>): DistinctRepresentations {
  const texts: string[] = [];
  const slotOf: number[] = new Array<number>(representations.length);
  const slots = new Map<string, number>();
  for (let i = 0; i < representations.length; i++) {
    const text = JSON.stringify(representations[i]) ?? 'null';
    let slot = slots.get(text);
    if (slot === undefined) {
      slot = texts.length;
      texts.push(text);
      slots.set(text, slot);
    }
    slotOf[i] = slot;
  }
  return { texts, slotOf };
}

/**
 * The body of a subgraph request whose `variables.representations` are `distinct.texts`: written
 * from the texts already made, so no representation is serialised twice. Every other field of the
 * request (the query, its name, other variables, extensions) is serialised as `JSON.stringify`
 * would.
 */
export function requestBodyWith(payload: Readonly<Record<string, unknown>>, distinct: DistinctRepresentations): string {
  const parts: string[] = [];
  for (const key of Object.keys(payload)) {
    const value = payload[key];
    if (value === undefined) continue;
    if (key !== 'variables') {
      parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      continue;
    }
    const variables = value as Readonly<Record<string, unknown>>;
    const entries: string[] = [];
    for (const name of Object.keys(variables)) {
      if (name === 'representations' || variables[name] === undefined) continue;
      entries.push(`${JSON.stringify(name)}:${JSON.stringify(variables[name])}`);
    }
    entries.push(`"representations":[${distinct.texts.join(',')}]`);
    parts.push(`"variables":{${entries.join(',')}}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The subgraph's answer for the distinct representations, put back in the shape the gateway asked
 * for: `_entities` with one entry per representation it built, and each error at
 * `_entities[slot]` repeated at every index that shares the slot, in index order (as a subgraph
 * answering every repeat would have reported them). An entity that repeats is copied, never
 * shared: the gateway merges later fetches into each entity where it sits in the response, and a
 * shared object would carry one place's fields into another's. Errors without an entity index
 * pass through once. Mutates `body`, which the caller has just parsed.
 */
export function expandEntities(body: { data?: unknown; errors?: unknown }, distinct: DistinctRepresentations): void {
  const data = body.data as { _entities?: unknown } | null | undefined;
  const received = data?._entities;
  if (data && Array.isArray(received)) {
    const seen = new Uint8Array(received.length);
    const expanded = new Array<unknown>(distinct.slotOf.length);
    for (let i = 0; i < distinct.slotOf.length; i++) {
      const slot = distinct.slotOf[i]!;
      expanded[i] = seen[slot] ? copyJson(received[slot]) : received[slot];
      seen[slot] = 1;
    }
    data._entities = expanded;
  }
  if (Array.isArray(body.errors)) body.errors = expandErrors(body.errors as GraphQLFormattedError[], distinct);
}

function expandErrors(errors: ReadonlyArray<GraphQLFormattedError>, { texts, slotOf }: DistinctRepresentations): GraphQLFormattedError[] {
  const bySlot = new Map<number, GraphQLFormattedError[]>();
  const unplaced: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const path = error?.path;
    const slot = path?.[0] === '_entities' ? path[1] : undefined;
    // An index that names no entity asked for passes through as it came, as any other error.
    if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0 || slot >= texts.length) {
      unplaced.push(error);
      continue;
    }
    const list = bySlot.get(slot) ?? [];
    list.push(error);
    bySlot.set(slot, list);
  }
  if (bySlot.size === 0) return [...errors];
  const expanded: GraphQLFormattedError[] = [];
  for (let index = 0; index < slotOf.length; index++) {
    for (const error of bySlot.get(slotOf[index]!) ?? []) {
      expanded.push({ ...error, path: ['_entities', index, ...error.path!.slice(2)] });
    }
  }
  return [...expanded, ...unplaced];
}

/**
 * A deep copy of a parsed JSON value. `__proto__` is copied as the own data property `JSON.parse`
 * made it, never as the copy's prototype.
 */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i]);
    return copy;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copyJson(source[key]), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyJson(source[key]);
  }
  return copy;
}
