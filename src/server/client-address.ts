// The address a request comes from, for throttling. It is the socket's peer unless that peer is a
// configured trusted proxy; then it is the right-most X-Forwarded-For entry that is not itself a
// trusted proxy (proxy-addr, as Express does it), because everything left of that entry was written
// by the client and can be forged. IPv6 clients are grouped by /64, the block one subscriber holds.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

/** A request that reached the app without a socket (in-process calls); they share one bucket. */
export const NO_SOCKET = 'unknown';

/**
 * Compiles a LANDFALL_TRUSTED_PROXIES list: addresses, CIDR blocks (10.0.0.0/8, fd00::/8) or
 * proxy-addr's names loopback, linklocal and uniquelocal. Throws on an entry it cannot read.
 */
export function compileTrustedProxies(entries: readonly string[]): TrustProxy {
  return proxyAddr.compile([...entries]);
}

/** Splits the environment variable's comma- or space-separated list. */
export function parseTrustedProxies(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((entry) => entry.length > 0);
}

// @hono/node-server puts the Node request in the context's env as `incoming`.
type NodeBindings = { incoming?: Pick<IncomingMessage, 'socket' | 'headers'> } | undefined;

export function clientAddress(c: Context, trust: TrustProxy): string {
  const incoming = (c.env as NodeBindings)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  if (!peer) return NO_SOCKET;
  const request = { socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': c.req.header('x-forwarded-for') } };
  return bucketAddress(proxyAddr(request as unknown as IncomingMessage, trust));
}

/** One bucket per IPv4 address and per IPv6 /64; IPv4-mapped IPv6 addresses count as IPv4. */
export function bucketAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
