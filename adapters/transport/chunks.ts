/**
 * Sends `items` in chunks of at most `size`, for legacy batch calls that take a bounded number of
 * ids (the registry's persons, AMPP's plates): every chunk's call starts at once, and the answers
 * come back in the chunks' order, whatever order they arrive in. No items, no call. Any chunk
 * failing fails the whole: a batch answer with a hole in it would read as "nothing there".
 */
export function inChunks<T, R>(items: ReadonlyArray<T>, size: number, send: (chunk: T[]) => Promise<R>): Promise<R[]> {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('inChunks: size must be a positive integer');
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return Promise.all(chunks.map((chunk) => send(chunk)));
}
