import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * AUD-2: which URLs may receive webhooks. A webhook makes our servers send requests to an
 * address the partner chooses, so in production it must be an https endpoint on the public
 * internet: never loopback, private networks, link-local (cloud metadata at 169.254.169.254),
 * CGNAT or anything else that reaches inside our network. Outside production http and
 * loopback are allowed so that a developer (and the tests) can receive on 127.0.0.1.
 */

export type UrlRefusal = 'MALFORMED' | 'SCHEME_NOT_ALLOWED' | 'CREDENTIALS_IN_URL' | 'ADDRESS_NOT_PUBLIC' | 'UNRESOLVABLE';

/** An address the policy has checked, as `dns.lookup` gives it. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * A URL the policy accepts. In production `addresses` holds the public addresses it was judged
 * by: the delivery connects only to these (no second resolution between check and connect).
 */
export type UrlCheck = { ok: true; url: URL; addresses?: CheckedAddress[] } | { ok: false; reason: UrlRefusal; message: string };

export interface UrlPolicy {
  production: boolean;
}

/** Resolves every address of a host name (as `dns.lookup(host, { all: true })`). */
export type Lookup = (host: string) => Promise<readonly { address: string }[]>;

export const MAX_URL_LENGTH = 2048;
const LOOKUP_TIMEOUT_MS = 5_000;

const refuse = (reason: UrlRefusal, message: string): UrlCheck => ({ ok: false, reason, message });

/** Brackets of an IPv6 literal are part of `URL.hostname`; addresses are compared without them. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * True only for globally routable unicast addresses. ipaddr.js knows the special ranges
 * (RFC 1918, 6598, 3927, 4193, multicast, reserved, documentation, IPv4-mapped, NAT64, 6to4,
 * Teredo …); anything it classifies as other than `unicast` is refused. An IPv6 address that
 * embeds an IPv4 one is refused whatever that IPv4 address is: besides the ranges ipaddr.js
 * names, the deprecated IPv4-compatible block ::/96 (`::127.0.0.1` is `::7f00:1`), which some
 * stacks still route to the embedded IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const parts = (parsed as ipaddr.IPv6).parts;
    if (parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return parsed.range() === 'unicast';
}

/** The synchronous part of the policy: shape, scheme, credentials and literal addresses. */
export function checkWebhookUrl(raw: string, policy: UrlPolicy): UrlCheck {
  const text = raw.trim();
  if (!text || text.length > MAX_URL_LENGTH) return refuse('MALFORMED', `url must be an absolute http(s) URL of at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('MALFORMED', 'url is not a valid absolute URL');
  }
  const schemes = policy.production ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol)) {
    return refuse('SCHEME_NOT_ALLOWED', `url must use ${policy.production ? 'https' : 'http or https'}, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (!url.hostname) return refuse('MALFORMED', 'url has no host');
  // Credentials in the URL would be stored and logged in clear; the signature authenticates us instead.
  if (url.username || url.password) return refuse('CREDENTIALS_IN_URL', 'url must not contain a user name or password');
  const host = bareHost(url.hostname);
  if (policy.production && isIP(host) && !isPublicAddress(host)) return refuse('ADDRESS_NOT_PUBLIC', `${host} is not a public address`);
  if (policy.production && (host === 'localhost' || host.endsWith('.localhost'))) return refuse('ADDRESS_NOT_PUBLIC', `${host} is not a public host`);
  return { ok: true, url };
}

export const systemLookup: Lookup = (host) => dns.lookup(host, { all: true, verbatim: true });

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`lookup timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The whole policy: {@link checkWebhookUrl}, then in production every address the host resolves
 * to must be public. Run at creation and again right before each delivery attempt, since DNS
 * answers can change after the webhook was accepted; the attempt then connects to the addresses
 * returned here, so a name that resolves differently a moment later (DNS rebinding) cannot
 * redirect it.
 */
export async function checkDestination(raw: string, policy: UrlPolicy, lookup: Lookup = systemLookup): Promise<UrlCheck> {
  const checked = checkWebhookUrl(raw, policy);
  if (!checked.ok || !policy.production) return checked;
  const host = bareHost(checked.url.hostname);
  if (isIP(host)) return { ...checked, addresses: [{ address: host, family: isIP(host) as 4 | 6 }] };
  let addresses: string[];
  try {
    addresses = (await withTimeout(lookup(host), LOOKUP_TIMEOUT_MS)).map((entry) => entry.address);
  } catch (error) {
    return refuse('UNRESOLVABLE', `${host} does not resolve (${(error as Error).message})`);
  }
  if (!addresses.length) return refuse('UNRESOLVABLE', `${host} does not resolve`);
  const inside = addresses.find((address) => !isPublicAddress(address));
  if (inside) return refuse('ADDRESS_NOT_PUBLIC', `${host} resolves to ${inside}, which is not a public address`);
  return { ...checked, addresses: addresses.map((address) => ({ address, family: isIP(address) as 4 | 6 })) };
}
