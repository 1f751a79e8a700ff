/**
 * Deterministic pseudo-randomness: the same seed and parts always give the same sequence, so a
 * simulator derives a whole city's data from a person's id without storing anything.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Between parts: a character that cannot occur inside a number. */
const SEPARATOR = 1;

/**
 * 32-bit FNV-1a over the parts joined with a separator that cannot occur inside a number. Hashed
 * part by part rather than over the joined string: the simulators hash several times per item
 * they generate, and building the string was the larger part of the cost.
 */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = FNV_OFFSET;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = Math.imul(h ^ SEPARATOR, FNV_PRIME);
    const part = parts[p]!;
    const text = typeof part === 'string' ? part : String(part);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** A small, fast generator (mulberry32) with the helpers simulators need. */
export class Seeded {
  private state: number;

  constructor(...parts: ReadonlyArray<string | number>) {
    this.state = hash32(...parts);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index chosen by relative weights: weighted([70, 20, 10]) is 0 seven times in ten. */
  weighted(weights: ReadonlyArray<number>): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let roll = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i] as number;
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}
