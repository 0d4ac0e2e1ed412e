/**
 * What the extension keeps about a cookie. There is deliberately no `value` field anywhere:
 * values never leave the browser's cookie jar (privacy principle), so they cannot be stored,
 * logged, rendered or exported by accident.
 */
import { pathWithParameterValuesMarked } from '../path-parameters.ts';

/** The fields of a browser cookie we read; `value` is accepted and dropped. */
export type BrowserCookie = {
  name: string;
  value?: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string;
  session: boolean;
  /** Seconds since the epoch; absent for session cookies. */
  expirationDate?: number;
  storeId: string;
  /** CHIPS partition ({ topLevelSite, hasCrossSiteAncestor }: Chrome, and Firefox 153 measured; older Firefox { topLevelSite }); absent when unpartitioned. */
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } | undefined;
  /** Firefox: the first party the cookie is isolated under (first-party isolation), '' for none; absent in Chrome. */
  firstPartyDomain?: string | undefined;
};

/** A cookie as recorded for a site: its identity and flags, and when we saw it. */
export type CookieRecord = {
  /** Cookie name (hostile names are kept as text: the views escape them). */
  name: string;
  /** Domain as the browser reports it: `.example.org` for domain cookies, `host` for host-only. */
  domain: string;
  /** Path attribute. */
  path: string;
  /** True when the cookie is sent only to the exact host that set it. */
  hostOnly: boolean;
  /** Secure attribute. */
  secure: boolean;
  /** HttpOnly attribute: page scripts cannot read it. */
  httpOnly: boolean;
  /** SameSite as the browser reports it ('lax', 'strict', 'no_restriction', 'unspecified'). */
  sameSite: string;
  /** Expiry in seconds since the epoch; null for a session cookie. */
  expires: number | null;
  /** Top-level site of a partitioned (CHIPS) cookie; null when unpartitioned. */
  partitionKey: string | null;
  /**
   * The other half of a partitioned cookie's key: whether it was set under a cross-site frame
   * (Chrome; Firefox 153 too). Absent where the browser gives none and in records of earlier versions.
   */
  hasCrossSiteAncestor?: boolean;
  /**
   * Firefox's first party the cookie is isolated under, as the browser names it (`example.net`),
   * under first-party isolation (privacy.firstparty.isolate: Tor and Mullvad Browser); absent
   * when it is isolated under none, and in records of earlier versions.
   */
  firstPartyDomain?: string;
  /** Cookie store: separates private windows and Firefox containers. */
  storeId: string;
  /** When this cookie was first seen (ms since the epoch). */
  firstSeen: number;
  /** When it was last set or changed (ms since the epoch). */
  lastChanged: number;
  /** When it was removed (ms since the epoch); null while it exists. */
  removed: number | null;
};

/**
 * Identity of a cookie in the browser: same name, domain, path, store and partition (CHIPS, or
 * Firefox's first party) = same cookie. The first party comes last, and only when there is one:
 * the keys of cookies isolated under none, those of records already stored among them, stay as
 * they were. Chrome's `hasCrossSiteAncestor` joins only where it is not what Chrome infers
 * without it (crossSiteToPartition): the usual cookie keeps the key an earlier version stored.
 */
export function cookieKey(
  cookie: Pick<CookieRecord, 'name' | 'domain' | 'path' | 'storeId' | 'partitionKey' | 'firstPartyDomain' | 'hasCrossSiteAncestor'>,
): string {
  const identity: Array<string | boolean | null> = [cookie.storeId, cookie.partitionKey, cookie.domain, cookie.path, cookie.name];
  if (cookie.firstPartyDomain) identity.push(cookie.firstPartyDomain);
  const ancestor = cookie.hasCrossSiteAncestor;
  if (typeof ancestor === 'boolean' && ancestor !== crossSiteToPartition(cookie)) identity.push(ancestor);
  return JSON.stringify(identity);
}

/**
 * What Chrome takes `hasCrossSiteAncestor` to be when it is not given: true when the cookie's
 * domain is cross-site to its partition's top-level site (w3c/webextensions,
 * proposals/hasCrossSiteAncestor.md). The site is already a registrable domain.
 */
function crossSiteToPartition(cookie: Pick<CookieRecord, 'domain' | 'partitionKey'>): boolean {
  // Its host as a URL reads it: an IPv6 one (`http://[::1]`) keeps its colons.
  let top = '';
  try {
    top = new URL(cookie.partitionKey ?? '').hostname.toLowerCase();
  } catch {
    // No URL: no site it is same-site with.
  }
  return !cookieAppliesToHost({ domain: top, hostOnly: false }, cookie.domain.replace(/^\./, ''));
}

/**
 * A cookie's path where it is narrower than the whole site, else null: two cookies of one name
 * and domain differ by their paths alone (RFC 6265, 5.3), so where a name is shown to tell
 * cookies apart (a row, a table), this is shown beside it. The whole site's path, "/", is most
 * cookies' and says nothing.
 */
export function narrowerPath(cookie: Pick<CookieRecord, 'path'>): string | null {
  return cookie.path === '/' || cookie.path === '' ? null : cookie.path;
}

const HTTPS = 'https://';

/**
 * The site a partitioned (CHIPS) cookie is kept under, as shown beside it (`https://tco.re` ->
 * `tco.re`; any other scheme, or a port, stays written), else null: two cookies of one name,
 * domain and path in two partitions differ by it alone. The browser names the site (Chrome and
 * Firefox: scheme and registrable domain), never the site's page.
 */
export function partitionSite(cookie: Pick<CookieRecord, 'partitionKey'>): string | null {
  const key = cookie.partitionKey;
  if (!key) return null;
  return key.startsWith(HTTPS) && key.length > HTTPS.length ? key.slice(HTTPS.length) : key;
}

/**
 * A partitioned cookie's partition in words, as the Markdown export and the audit's table write it
 * beside its domain: "partition tco.re", "cross-site partition tco.re" where the browser says it was
 * set under a cross-site frame (the bit first: a table cuts a long cell in its middle, and the site
 * at its end stays in sight). Null for an unpartitioned one.
 */
export function partitionWords(cookie: Pick<CookieRecord, 'partitionKey' | 'hasCrossSiteAncestor'>): string | null {
  const site = partitionSite(cookie);
  return site === null ? null : `${cookie.hasCrossSiteAncestor ? 'cross-site ' : ''}partition ${site}`;
}

/** The latest expiry a JavaScript Date can show (year 275760), in seconds. */
const MAX_EXPIRY_SECONDS = 8.64e12;

/**
 * Expiry in whole seconds, within what a Date can hold: a site may set any number (and a browser
 * may report it), but a report must be able to print it. Null for a session cookie.
 */
function expirySeconds(cookie: BrowserCookie): number | null {
  const seconds = cookie.expirationDate;
  if (cookie.session || seconds === undefined || Number.isNaN(seconds)) return null;
  return Math.min(MAX_EXPIRY_SECONDS, Math.max(-MAX_EXPIRY_SECONDS, Math.round(seconds)));
}

/** Copies the facts we keep from a browser cookie, leaving the value behind. */
export function describeCookie(cookie: BrowserCookie, now: number): CookieRecord {
  const ancestor = cookie.partitionKey?.hasCrossSiteAncestor;
  return {
    name: cookie.name,
    domain: cookie.domain,
    // A default path can hold a servlet's session id (pathWithParameterValuesMarked).
    path: pathWithParameterValuesMarked(cookie.path),
    hostOnly: cookie.hostOnly,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    // '' where the browser gives none (no browser we support, but a record must hold text): unknown.
    sameSite: typeof cookie.sameSite === 'string' ? cookie.sameSite : '',
    expires: expirySeconds(cookie),
    partitionKey: cookie.partitionKey?.topLevelSite ?? null,
    // Needed to address the cookie, where the browser gives it (Chrome; Firefox 153 too).
    ...(typeof ancestor === 'boolean' ? { hasCrossSiteAncestor: ancestor } : {}),
    // Firefox says '' for none; Chrome gives no such field.
    ...(cookie.firstPartyDomain ? { firstPartyDomain: cookie.firstPartyDomain } : {}),
    storeId: cookie.storeId,
    firstSeen: now,
    lastChanged: now,
    removed: null,
  };
}

/** True when a browser would send a cookie with this domain to `host` (RFC 6265 domain-match). */
export function cookieAppliesToHost(cookie: Pick<CookieRecord, 'domain' | 'hostOnly'>, host: string): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const target = host.toLowerCase();
  if (cookie.hostOnly) return domain === target;
  return target === domain || target.endsWith(`.${domain}`);
}
