// Deterministic randomness: generated names and uids must be the same on every
// run so that demo screenshots, the README and tests can name them.

/** Kubernetes' generateName alphabet: no vowels, no look-alike digits. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast, good enough for names. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** Five characters as the apiserver appends to generateName. */
  suffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[this.int(ALPHABET.length)];
    return out;
  }

  uid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => this.int(16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(4)]}${hex(3)}-${hex(12)}`;
  }
}

/** `<prefix><suffix>` that `taken` does not already hold. */
export function generateName(rng: Rng, prefix: string, taken: (name: string) => boolean): string {
  for (;;) {
    const name = `${prefix}${rng.suffix()}`;
    if (!taken(name)) return name;
  }
}
