/**
 * The SSRF rules of a webhook target (SPEC §9): http or https only, no credentials in the URL,
 * and no loopback, private, link-local or otherwise internal address unless
 * `WEBHOOK_ALLOW_PRIVATE=1` (a self-hosted chat gateway). Checked when a target is saved and
 * again when it is resolved for each attempt: the delivery connects to the very address that
 * was checked (`pinnedLookup`), so a name that re-resolves elsewhere (DNS rebinding) cannot
 * slip past.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import net from 'node:net';

export type TargetProblem = 'scheme' | 'credentials' | 'malformed' | 'private' | 'unresolved';

export class TargetRefusedError extends Error {
  constructor(
    readonly problem: TargetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

const MESSAGES: Record<TargetProblem, string> = {
  scheme: 'must be an http:// or https:// address',
  credentials: 'must not carry a user name or password',
  malformed: 'must be a full URL, e.g. https://open.feishu.cn/open-apis/bot/v2/hook/…',
  private:
    'points to a loopback or private network address; allowed only when the server runs with WEBHOOK_ALLOW_PRIVATE=1',
  unresolved: 'names a host that could not be resolved',
};

const refuse = (problem: TargetProblem) => new TargetRefusedError(problem, MESSAGES[problem]);

/** The URL's own rules (no network): its scheme, no credentials, a host. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw refuse('malformed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('scheme');
  if (url.username !== '' || url.password !== '') throw refuse('credentials');
  if (url.hostname === '') throw refuse('malformed');
  return url;
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** Whether an address is loopback, private, link-local, shared, multicast or unspecified. */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is checked as the IPv4 it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(address, 'ipv6');
}

export interface ResolvedTarget {
  url: URL;
  /** The addresses checked; the connection goes to the first one. */
  addresses: { address: string; family: 4 | 6 }[];
}

/**
 * The URL's rules and its host's addresses: every address the name resolves to must be
 * allowed (one internal address among public ones refuses the target).
 */
export async function resolveTarget(
  text: string,
  { allowPrivate }: { allowPrivate: boolean },
  lookup: (host: string) => Promise<{ address: string; family: number }[]> = (host) =>
    dns.promises.lookup(host, { all: true, verbatim: true }),
): Promise<ResolvedTarget> {
  const url = parseTargetUrl(text);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let found: { address: string; family: number }[];
  if (net.isIP(host)) found = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      found = await lookup(host);
    } catch {
      throw refuse('unresolved');
    }
  }
  if (found.length === 0) throw refuse('unresolved');
  if (!allowPrivate && found.some(({ address }) => isInternalAddress(address))) throw refuse('private');
  return {
    url,
    addresses: found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 })),
  };
}

/**
 * A `lookup` for http.request that answers with checked addresses only: all of them when asked
 * for all (Node then tries each in turn), else one of the family asked for, IPv4 first.
 */
export function pinnedLookup(target: ResolvedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = target.addresses.filter((entry) => family === undefined || entry.family === family);
    const ordered = [
      ...usable.filter((entry) => entry.family === 4),
      ...usable.filter((entry) => entry.family === 6),
    ];
    const [first] = ordered;
    if (!first) {
      callback(new Error('no checked address of the family asked for'), '', 4);
      return;
    }
    if (options.all) callback(null, ordered);
    else callback(null, first.address, first.family);
  };
}
