import { inChunks } from './chunks';

describe('inChunks', () => {
  it('sends every item once, in chunks of at most the size, in order', async () => {
    const sent: number[][] = [];
    const items = Array.from({ length: 250 }, (_, i) => i);
    await inChunks(items, 100, async (chunk) => void sent.push(chunk));
    expect(sent.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    expect(sent.flat()).toEqual(items);
  });

  it("starts every chunk at once and answers in the chunks' order, whatever order the answers arrive in", async () => {
    const waiting: Array<{ chunk: string[]; answer(): void }> = [];
    const answers = inChunks(['a', 'b', 'c', 'd', 'e'], 2, (chunk) => new Promise<string>((resolve) => waiting.push({ chunk, answer: () => resolve(chunk.join('')) })));
    expect(waiting.map((w) => w.chunk)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    for (const w of [...waiting].reverse()) w.answer();
    expect(await answers).toEqual(['ab', 'cd', 'e']);
  });

  it('makes no call for no items', async () => {
    const send = jest.fn(async () => 'called');
    expect(await inChunks([], 20, send)).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });

  it('fails as a whole when one chunk fails', async () => {
    await expect(inChunks([1, 2, 3], 1, async (chunk) => (chunk[0] === 2 ? Promise.reject(new Error('chunk 2 failed')) : chunk))).rejects.toThrow('chunk 2 failed');
  });

  it('refuses a size that is not a positive integer at once', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => inChunks([1], size, async () => undefined)).toThrow(RangeError);
  });
});
