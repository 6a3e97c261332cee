/**
 * A small seeded PRNG (mulberry32) with a string hash (cyrb53-style) for its seed, so the
 * same trial gives the same robustness figures on every run and every machine.
 */
export type Random = () => number;

export function hashSeed(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** The state of a PRNG made by `seededRandom`, readable by loops that step it themselves. */
export interface Stream {
  state: number;
}

/** The state behind each PRNG made here, so hot loops can step it without a call per number. */
const streams = new WeakMap<Random, Stream>();

const INCREMENT = 0x6d2b79f5;

/**
 * mulberry32's next state, kept as a signed 32-bit integer: the same bits as the unsigned
 * form (every use below is a bit operation), but a number V8 keeps in a register, where an
 * unsigned one above 2^31 becomes a float — a third of the bootstrap's time went there.
 */
export function nextState(state: number): number {
  return (state + INCREMENT) | 0;
}

/** mulberry32's 32 output bits for an already advanced state (as a signed integer). */
export function outputBitsOf(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return t ^ (t >>> 14);
}

/** mulberry32's output for an already advanced state: a uniform number in [0, 1). */
export function uniformOf(state: number): number {
  return (outputBitsOf(state) >>> 0) / 4294967296;
}

/** The largest count `indexBelow` serves: every product below stays under 2^31. */
export const MAX_INDEX_COUNT = 32_767;

/**
 * ⌊uniformOf(state) × count⌋ — the same number exactly — in integer arithmetic, for
 * 1 ≤ count ≤ MAX_INDEX_COUNT. The output u is split in 16-bit halves h and l:
 * ⌊u·count / 2^32⌋ = ⌊(h·count + ⌊l·count / 2^16⌋) / 2^16⌋. The bootstrap draws four
 * million indices per scorecard, and the float route (convert, divide, floor, convert back)
 * was most of its time.
 */
export function indexBelow(state: number, count: number): number {
  const bits = outputBitsOf(state);
  return (Math.imul(bits >>> 16, count) + (Math.imul(bits & 0xffff, count) >>> 16)) >>> 16;
}

/** Uniform numbers in [0, 1). */
export function seededRandom(seed: string): Random {
  const stream: Stream = { state: hashSeed(seed) };
  const random = () => {
    stream.state = nextState(stream.state);
    return uniformOf(stream.state);
  };
  streams.set(random, stream);
  return random;
}

/**
 * The state of `random` when `seededRandom` made it, else undefined. A loop that draws
 * millions of numbers (the bootstrap) steps the state with `nextState`/`uniformOf` inline —
 * the same numbers in the same order as calls — and stores it back when done; a call per
 * number through a closure V8 cannot inline was most of the bootstrap's time.
 */
export function streamOf(random: Random): Stream | undefined {
  return streams.get(random);
}
