import pLimit from 'p-limit';

/**
 * What a DataLoader batch function answers: one entry per key, in the keys' order, either the
 * key's value or the Error it failed with. DataLoader then rejects only that key's `load`, so one
 * failed call costs the keys it served and no others.
 */
export type BatchResults<V> = Array<V | Error>;

/** How the calls of one batch are made. */
export interface BatchOptions {
  /**
   * At most this many of the batch's calls in flight at once, for a system without a batch call
   * that answers a burst with timeouts (EMIAS). Default: all at once; the transport's bulkhead
   * still caps what reaches the system.
   */
  concurrency?: number;
}

/**
 * One call per key, for systems that answer one item per call (a balance, a page of sessions, a
 * parent's children). A key whose call fails gets that Error; the others their values.
 */
export function perKey<K, V>(keys: ReadonlyArray<K>, load: (key: K) => Promise<V>, options: BatchOptions = {}): Promise<BatchResults<V>> {
  const run = runner(options);
  return Promise.all(keys.map((key) => run(() => load(key)).then((value): V | Error => value, asError)));
}

/**
 * One call per group of keys, for systems that batch only within a group (one person's homes, one
 * date range): `groupOf` names a key's group, and `load` is called once per group with its keys in
 * the order asked. It answers a look-up from a key to its value. A call that fails fails its
 * group's keys only; a look-up that throws fails its key only.
 */
export async function perGroup<K, V>(
  keys: ReadonlyArray<K>,
  groupOf: (key: K) => string,
  load: (group: K[]) => Promise<(key: K) => V>,
  options: BatchOptions = {},
): Promise<BatchResults<V>> {
  const groups = new Map<string, K[]>();
  const groupNames = keys.map((key) => {
    const name = groupOf(key);
    const group = groups.get(name);
    if (group) group.push(key);
    else groups.set(name, [key]);
    return name;
  });
  const run = runner(options);
  const answers = new Map<string, ((key: K) => V) | Error>();
  await Promise.all(
    [...groups].map(([name, group]) =>
      run(() => load(group)).then(
        (lookUp) => void answers.set(name, lookUp),
        (error: unknown) => void answers.set(name, asError(error)),
      ),
    ),
  );
  return keys.map((key, index) => {
    const answer = answers.get(groupNames[index] ?? '');
    if (answer === undefined) return new Error('the batch made no call for this key');
    if (answer instanceof Error) return answer;
    try {
      return answer(key);
    } catch (error) {
      return asError(error);
    }
  });
}

/**
 * One loader per distinct arguments (a date range, a day), made on first use and kept for the
 * request, so that every key asked with the same arguments in one tick falls into one batch.
 * `keyOf` names the arguments: equal names share a loader.
 */
export function loaderPerArguments<A, L>(keyOf: (args: A) => string, make: (args: A) => L): (args: A) => L {
  const loaders = new Map<string, L>();
  return (args) => {
    const key = keyOf(args);
    const known = loaders.get(key);
    if (known !== undefined) return known;
    const made = make(args);
    loaders.set(key, made);
    return made;
  };
}

/** Runs a call now, or when the batch's concurrency allows; a synchronous throw becomes a rejection. */
function runner(options: BatchOptions): <T>(call: () => Promise<T>) => Promise<T> {
  if (options.concurrency === undefined) return async (call) => call();
  const limit = pLimit(options.concurrency);
  return (call) => limit(call);
}

/**
 * The Error a key fails with. A thrown value that is no Error is replaced, not quoted: it may hold
 * whatever the failing code had in hand, and error messages reach logs.
 */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('a batch call failed with a value that is not an Error');
}
