import type { Request } from 'express';

/**
 * A choice made from one request header (its language, its accepted encodings), remembered
 * per distinct value of the header: browsers and clients send a handful of them, and each
 * request would otherwise parse its header again. At most `capacity` values are kept, so a
 * client sending a new header every time costs a parse, never memory.
 */
export function choiceByHeader<T>(
  name: string,
  choose: (req: Request) => T,
  capacity = 64,
): (req: Request) => T {
  const chosen = new Map<string, T>();
  return (req) => {
    const header = req.get(name) ?? '';
    const known = chosen.get(header);
    if (known !== undefined) return known;
    const choice = choose(req);
    if (chosen.size < capacity) chosen.set(header, choice);
    return choice;
  };
}
