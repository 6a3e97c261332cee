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

interface Stream {
  state: number;
}

/** The state behind each PRNG made here, so `fillUniform` can run it without a call per number. */
const streams = new WeakMap<Random, Stream>();

const INCREMENT = 0x6d2b79f5;

/** mulberry32's output for an already advanced state: a uniform number in [0, 1). */
function mix(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Uniform numbers in [0, 1). */
export function seededRandom(seed: string): Random {
  const stream: Stream = { state: hashSeed(seed) };
  const random = () => {
    stream.state = (stream.state + INCREMENT) >>> 0;
    return mix(stream.state);
  };
  streams.set(random, stream);
  return random;
}

/**
 * Writes the next `length` numbers of `random` into `target`: the same numbers, in the same
 * order, as `length` calls. For a PRNG made by `seededRandom` it steps the state in one tight
 * loop — the bootstrap draws four million numbers per scorecard, and a call per number
 * through a closure V8 cannot inline was most of its time.
 */
export function fillUniform(random: Random, target: Float64Array, length = target.length): void {
  const stream = streams.get(random);
  if (!stream) {
    for (let k = 0; k < length; k++) target[k] = random();
    return;
  }
  let state = stream.state;
  for (let k = 0; k < length; k++) {
    state = (state + INCREMENT) >>> 0;
    target[k] = mix(state);
  }
  stream.state = state;
}
