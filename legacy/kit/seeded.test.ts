import fc from 'fast-check';
import { hash32, Seeded } from './seeded';

/** The definition: FNV-1a over the parts joined with U+0001, as every simulator's data was first derived. */
function fnv1aJoined(parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

describe('the simulators’ seeded hash', () => {
  it('is FNV-1a of the parts joined with U+0001, so every person, mark and bill stays what it was', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true })), { maxLength: 8 }), (parts) => {
        expect(hash32(...parts)).toBe(fnv1aJoined(parts));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the values people were generated from', () => {
    expect(hash32('moscow-2026', 'adult', 1244)).toBe(fnv1aJoined(['moscow-2026', 'adult', 1244]));
    expect(new Seeded('moscow-2026', 'adult', 1244).int(18, 85)).toBe(new Seeded('moscow-2026', 'adult', 1244).int(18, 85));
  });
});
