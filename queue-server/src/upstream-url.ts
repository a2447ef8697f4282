import { BlockList, isIP } from 'node:net';
import { isLoopback } from './network.js';

/**
 * Where the server may send to: one rule for every upstream (PROVINCIAL_URL, the ZNS and SMS providers) and the
 * stricter one for push endpoints, which come from anyone holding a ticket's QR (SSRF: no address of ours, of the
 * LAN or of the cloud's metadata service). Plain http only to this machine and only with ALLOW_HTTP_UPSTREAM — the
 * stand-ins of the labs and tests.
 */

/** A URL's host without IPv6 brackets (`[::1]` → `::1`), lower case, no trailing dot. */
function bareHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** This machine, by name or by a loopback address (`127.evil.example` is a name, not this machine). */
const isLocalHost = (host: string): boolean =>
  host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isLoopback(host));

/** An upstream's address is fine: https, or plain http to this machine with `allowHttp` (ALLOW_HTTP_UPSTREAM). */
export function isAllowedUpstream(url: string, allowHttp: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && allowHttp && isLocalHost(bareHost(u));
}

/** Addresses no push service has: private, loopback, link-local, CGNAT, ULA, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** An address that is not on the public internet (IPv4-mapped IPv6 judged by its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? PRIVATE.check(mapped, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

/** Names that only resolve inside a network. */
const INTERNAL_SUFFIX = /\.(local|internal|lan|home|corp|intranet|localdomain|home\.arpa)$/;

/**
 * Why a browser's push endpoint is refused (short, names no address), or null: it must be https to a public DNS
 * name — no IP literal, no single-label or internal name (`.local`, `.internal`, `.lan` …). With `allowLoopback`
 * (ALLOW_HTTP_UPSTREAM) an endpoint on this machine passes, over http or https: the push stand-in.
 */
export function pushEndpointProblem(endpoint: string, allowLoopback: boolean): string | null {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'not a URL';
  }
  const host = bareHost(u);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'not https';
  if (u.username !== '' || u.password !== '') return 'credentials in the URL';
  if (isLocalHost(host)) return allowLoopback ? null : 'this machine';
  if (u.protocol !== 'https:') return 'not https';
  if (isIP(host) !== 0) return 'an IP address, not a name';
  if (!host.includes('.')) return 'a single-label name';
  if (INTERNAL_SUFFIX.test(host)) return 'an internal name';
  return null;
}
