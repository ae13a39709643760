// Module bindings, not global lookups: inside a vm context (Jest) every `Math.x` is slow.
const { imul, floor, sqrt, log, cos, PI } = Math;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for synthetic data, never for secrets. */
export function mulberry32(seed: number): () => number {
  // Kept as int32 (`| 0`): an unsigned state would be boxed as a heap number on every call.
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes a seed with a stream number, so each guild gets its own independent sequence. */
function mix(seed: number, stream: number): number {
  let h = imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ imul(stream + 1, 0xc2b2ae35);
  h = imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent generator for sub-stream `stream` (stable whatever else is drawn). */
  fork(stream: number): Rng {
    return new Rng(mix(this.seed, stream));
  }

  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return sqrt(-2 * log(1 - this.next())) * cos(2 * PI * this.next());
  }

  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** Skewed towards the start of the list: a few heavy users, a long tail. */
  skewedIndex(length: number): number {
    return Math.min(length - 1, floor(length * this.next() ** 2));
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.hex8();
    return out.slice(0, length);
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const b = this.hex8();
    const c = this.hex8();
    return `${this.hex8()}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${this.hex8()}`;
  }

  private hex8(): string {
    return floor(this.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  }
}
