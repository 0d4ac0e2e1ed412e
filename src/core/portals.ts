/**
 * Which hosts are Opendatasoft / Huwise portals. Pure: the bundled host list is passed in,
 * so the registry stays the one source of truth for it.
 */

/** Platform domains whose sub-domains are portals (the company was renamed Huwise in 2025). */
export const PLATFORM_DOMAINS = ['opendatasoft.com', 'huwise.com'] as const;

/**
 * Hosts under those domains that are the company's own websites, not portals, under both: `www`,
 * its main site; `legal`, where its cookie policy is (https://legal.huwise.com/en/cookies.html,
 * the source src/core/registry/platform-default.ts and src/core/report/platform-cookies.ts
 * cite). No other company site (help, docs, …) is named in this project or its guide to the
 * platform, so none is listed: any other sub-domain is taken for a portal. Written out, not
 * built from the two lists: a list built at load would stay in every page that imports this
 * module, used or not.
 */
export const PLATFORM_NON_PORTAL_HOSTS: readonly string[] = [
  'www.opendatasoft.com',
  'www.huwise.com',
  'legal.opendatasoft.com',
  'legal.huwise.com',
];

/**
 * A host as the charters and portal lists name it: lower-case, without the root's dot that an
 * address may end its host with (`https://data.tco.re./` is the same portal).
 */
function portalName(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * True for `NAME.opendatasoft.com` and `NAME.huwise.com`: not a customer CNAME, not the
 * company's own `www.` and `legal.` sites.
 */
export function isPlatformHost(host: string): boolean {
  const lower = portalName(host);
  if (PLATFORM_NON_PORTAL_HOSTS.includes(lower)) return false;
  return PLATFORM_DOMAINS.some((domain) => lower.endsWith(`.${domain}`));
}

/** True when `host` is a bundled portal or a platform portal. */
export function isPortalHost(host: string, bundledHosts: Pick<ReadonlySet<string>, 'has'>): boolean {
  return bundledHosts.has(portalName(host)) || isPlatformHost(host);
}

/** The host of an http(s) URL, lower-case, or null for anything else (about:, chrome://, junk). */
export function webHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}
