import { describe, expect, it } from 'vitest';
import {
  cookieAppliesToHost,
  cookieKey,
  describeCookie,
  narrowerPath,
  partitionSite,
  type BrowserCookie,
} from '../../../src/core/cookies/cookie-record.ts';
import { exportReport } from '../../../src/core/report/export.ts';
import { browserCookie } from '../../support/cookies.ts';
import { report, reportCookie } from '../../support/reports.ts';

describe('describeCookie', () => {
  it('keeps an absent SameSite as unknown text (empty), so every export can write it', () => {
    const cookie = { ...browserCookie(), sameSite: undefined } as unknown as BrowserCookie;
    const record = describeCookie(cookie, 1000);
    expect(record.sameSite).toBe('');
    const [header, row] = exportReport(report([reportCookie({ name: 'sid', sameSite: record.sameSite })]), 'csv').text.split('\r\n');
    expect(row!.split(',')[header!.split(',').indexOf('sameSite')]).toBe('');
  });

  it('keeps identity, flags and times, and drops the value', () => {
    const record = describeCookie(browserCookie(), 1000);
    expect(record).toEqual({
      name: 'sessionid',
      domain: 'data.tco.re',
      path: '/',
      hostOnly: true,
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      expires: 1_800_000_000,
      partitionKey: null,
      storeId: '0',
      firstSeen: 1000,
      lastChanged: 1000,
      removed: null,
    });
    expect(JSON.stringify(record)).not.toContain('SECRET-VALUE');
  });

  it('keeps no path parameter’s value: a default path can carry the servlet session id (/app;jsessionid=…/cart)', () => {
    const record = describeCookie(browserCookie({ name: 'prefs', path: '/app;jsessionid=SECRET42/cart' }), 1000);
    expect(record.path).toBe('/app;…/cart');
    expect(cookieKey(record)).not.toContain('SECRET42');
  });

  it('clamps an expiry past what a Date can hold (year 275760), so every export can print it', () => {
    expect(describeCookie(browserCookie({ expirationDate: 1e15 }), 1).expires).toBe(8.64e12);
    expect(describeCookie(browserCookie({ expirationDate: Number.POSITIVE_INFINITY }), 1).expires).toBe(8.64e12);
    expect(describeCookie(browserCookie({ expirationDate: -1e15 }), 1).expires).toBe(-8.64e12);
    expect(describeCookie(browserCookie({ expirationDate: Number.NaN }), 1).expires).toBeNull();
  });

  it('gives a session cookie no expiry and keeps a partition key', () => {
    const record = describeCookie(
      browserCookie({ session: true, expirationDate: undefined, partitionKey: { topLevelSite: 'https://tco.re' } }),
      5,
    );
    expect(record.expires).toBeNull();
    expect(record.partitionKey).toBe('https://tco.re');
  });

  it('keeps Chrome’s hasCrossSiteAncestor of a partitioned cookie, and none where the browser gives none (older Firefox)', () => {
    const partitioned = (partitionKey: object) => browserCookie({ partitionKey });
    expect(describeCookie(partitioned({ topLevelSite: 'https://tco.re', hasCrossSiteAncestor: true }), 1)).toMatchObject({
      partitionKey: 'https://tco.re',
      hasCrossSiteAncestor: true,
    });
    expect(describeCookie(partitioned({ topLevelSite: 'https://tco.re', hasCrossSiteAncestor: false }), 1).hasCrossSiteAncestor).toBe(
      false,
    );
    expect(describeCookie(partitioned({ topLevelSite: 'https://tco.re' }), 1)).not.toHaveProperty('hasCrossSiteAncestor');
    expect(describeCookie(browserCookie(), 1)).not.toHaveProperty('hasCrossSiteAncestor');
  });

  it('keeps the first party Firefox isolates a cookie under, and none where it gives none or says none', () => {
    expect(describeCookie(browserCookie({ firstPartyDomain: 'example.net' }), 1).firstPartyDomain).toBe('example.net');
    expect(describeCookie(browserCookie({ firstPartyDomain: '' }), 1)).not.toHaveProperty('firstPartyDomain');
    expect(describeCookie(browserCookie(), 1)).not.toHaveProperty('firstPartyDomain');
  });
});

describe('cookieKey', () => {
  it('separates stores, partitions, domains and paths of one name', () => {
    const base = describeCookie(browserCookie(), 0);
    const keys = new Set([
      cookieKey(base),
      cookieKey({ ...base, storeId: 'firefox-private' }),
      cookieKey({ ...base, partitionKey: 'https://tco.re' }),
      cookieKey({ ...base, domain: '.tco.re' }),
      cookieKey({ ...base, path: '/api' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('separates the first parties Firefox isolates one cookie under (first-party isolation), and keeps the key of one isolated under none', () => {
    const base = describeCookie(browserCookie(), 0);
    const portals = describeCookie(browserCookie({ firstPartyDomain: 'tco.re' }), 0);
    const blogs = describeCookie(browserCookie({ firstPartyDomain: 'example.net' }), 0);
    expect(new Set([cookieKey(base), cookieKey(portals), cookieKey(blogs)]).size).toBe(3);
    // A record stored before first parties were known is found by the same key.
    expect(cookieKey(describeCookie(browserCookie({ firstPartyDomain: '' }), 0))).toBe(cookieKey(base));
    expect(cookieKey(base)).toBe(JSON.stringify(['0', null, 'data.tco.re', '/', 'sessionid']));
  });
});

describe('cookieKey of Chrome’s partitioned cookies', () => {
  const chips = (domain: string, hasCrossSiteAncestor?: boolean) =>
    describeCookie(
      browserCookie({
        name: 'chips',
        domain,
        partitionKey: { topLevelSite: 'https://tco.re', ...(hasCrossSiteAncestor === undefined ? {} : { hasCrossSiteAncestor }) },
      }),
      0,
    );

  it('separates two cookies that differ only by hasCrossSiteAncestor: Chrome keeps both', () => {
    expect(cookieKey(chips('data.tco.re', true))).not.toBe(cookieKey(chips('data.tco.re', false)));
    expect(cookieKey(chips('.disqus.com', true))).not.toBe(cookieKey(chips('.disqus.com', false)));
  });

  it('keeps the key an earlier version stored (without the field) where the field is what Chrome infers from the domain', () => {
    // Same-site to the top-level site: inferred false; cross-site: inferred true.
    expect(cookieKey(chips('data.tco.re', false))).toBe(cookieKey(chips('data.tco.re')));
    expect(cookieKey(chips('.tco.re', false))).toBe(cookieKey(chips('.tco.re')));
    expect(cookieKey(chips('.disqus.com', true))).toBe(cookieKey(chips('.disqus.com')));
    expect(cookieKey(chips('xtco.re', true))).toBe(cookieKey(chips('xtco.re')));
    expect(cookieKey(chips('data.tco.re'))).toBe(JSON.stringify(['0', 'https://tco.re', 'data.tco.re', '/', 'chips']));
  });

  it('reads the top-level site as a URL: an IPv6 host, a port or capitals keep the key of a same-site cookie', () => {
    const at = (topLevelSite: string, domain: string, hasCrossSiteAncestor?: boolean) =>
      cookieKey(
        describeCookie(
          browserCookie({
            name: 'chips',
            domain,
            partitionKey: { topLevelSite, ...(hasCrossSiteAncestor === undefined ? {} : { hasCrossSiteAncestor }) },
          }),
          0,
        ),
      );
    expect(at('http://[::1]', '[::1]', false)).toBe(at('http://[::1]', '[::1]'));
    expect(at('https://TCO.re:8443', 'data.tco.re', false)).toBe(at('https://TCO.re:8443', 'data.tco.re'));
    expect(at('not a url', 'data.tco.re', true)).toBe(at('not a url', 'data.tco.re'));
  });
});

describe('narrowerPath', () => {
  it('gives a path narrower than the whole site, and nothing for the whole site', () => {
    expect(narrowerPath({ path: '/explore/' })).toBe('/explore/');
    expect(narrowerPath({ path: '/' })).toBeNull();
    expect(narrowerPath({ path: '' })).toBeNull();
  });
});

describe('partitionSite', () => {
  it('names the site a partitioned cookie is kept under, its https scheme left out, and nothing for an unpartitioned one', () => {
    expect(partitionSite({ partitionKey: 'https://tco.re' })).toBe('tco.re');
    // Firefox writes the scheme of the site, http where it is: kept, as is a port.
    expect(partitionSite({ partitionKey: 'http://opendatasoft.com' })).toBe('http://opendatasoft.com');
    expect(partitionSite({ partitionKey: 'https://localhost:8443' })).toBe('localhost:8443');
    expect(partitionSite({ partitionKey: 'https://' })).toBe('https://');
    expect(partitionSite({ partitionKey: null })).toBeNull();
    expect(partitionSite({ partitionKey: '' })).toBeNull();
  });
});

describe('cookieAppliesToHost', () => {
  it('matches a host-only cookie to its exact host only', () => {
    expect(cookieAppliesToHost({ domain: 'data.tco.re', hostOnly: true }, 'data.tco.re')).toBe(true);
    expect(cookieAppliesToHost({ domain: 'data.tco.re', hostOnly: true }, 'www.data.tco.re')).toBe(false);
  });

  it('matches a domain cookie to the domain and its sub-domains, not to look-alikes', () => {
    const ga = { domain: '.toulouse-metropole.fr', hostOnly: false };
    expect(cookieAppliesToHost(ga, 'data.toulouse-metropole.fr')).toBe(true);
    expect(cookieAppliesToHost(ga, 'toulouse-metropole.fr')).toBe(true);
    expect(cookieAppliesToHost(ga, 'evil-toulouse-metropole.fr')).toBe(false);
    expect(cookieAppliesToHost(ga, 'data.nantesmetropole.fr')).toBe(false);
  });
});
