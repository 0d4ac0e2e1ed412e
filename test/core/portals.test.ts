import { describe, expect, it } from 'vitest';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { isPlatformHost, isPortalHost, webHost } from '../../src/core/portals.ts';
import { bundledOpenCookieDatabaseRows } from '../../src/core/registry/bundled-open-cookie-database.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { buildReport } from '../../src/core/report/report.ts';
import { browserCookie } from '../support/cookies.ts';

describe('portal hosts', () => {
  const bundled = new Set(['data.tco.re']);

  it('knows platform sub-domains under both company names', () => {
    expect(isPlatformHost('demo.opendatasoft.com')).toBe(true);
    expect(isPlatformHost('DEMO.Huwise.com')).toBe(true);
    expect(isPlatformHost('opendatasoft.com.evil.org')).toBe(false);
    expect(isPlatformHost('notopendatasoft.com')).toBe(false);
  });

  it('counts bundled hosts as portals', () => {
    expect(isPortalHost('data.tco.re', bundled)).toBe(true);
    expect(isPortalHost('tco.re', bundled)).toBe(false);
  });

  it('reads a host ending with the root’s dot as the same portal (`https://data.tco.re./`)', () => {
    expect(isPortalHost(webHost('https://data.tco.re./')!, bundled)).toBe(true);
    expect(isPlatformHost(webHost('https://ITIE.opendatasoft.com./')!)).toBe(true);
    expect(isPlatformHost('www.opendatasoft.com.')).toBe(false);
    expect(isPortalHost('tco.re.', bundled)).toBe(false);
  });

  it('reads the host of web pages only', () => {
    expect(webHost('https://Data.TCO.re/explore/?q=1')).toBe('data.tco.re');
    expect(webHost('chrome://extensions')).toBeNull();
    expect(webHost('not a url')).toBeNull();
    expect(webHost(undefined)).toBeNull();
  });
});

describe('isPlatformHost, host by host', () => {
  it.each([
    ['itie.opendatasoft.com', true],
    ['anything.huwise.com', true],
    ['a.b.opendatasoft.com', true],
    ['opendatasoft.com', false],
    ['www.opendatasoft.com', false],
    ['www.huwise.com', false],
    ['legal.huwise.com', false],
    ['legal.opendatasoft.com', false],
    ['LEGAL.Huwise.com.', false],
    ['legal.example.huwise.com', true],
    ['data.legal.opendatasoft.com', true],
    ['evilopendatasoft.com', false],
    ['data.nantesmetropole.fr', false],
    ['opendatasoft.com.example.org', false],
  ])('%s -> %s', (host, expected) => {
    expect(isPlatformHost(host)).toBe(expected);
  });
});

describe('the company’s own sites', () => {
  it('gives legal.huwise.com, where the company’s cookie policy is, no platform charter and no consent finding, as www.huwise.com', () => {
    const now = 1_700_000_000_000;
    const registry = buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    for (const host of ['legal.huwise.com', 'legal.opendatasoft.com', 'www.huwise.com']) {
      const site = emptySite(host, '0');
      const domain = host.endsWith('.huwise.com') ? '.huwise.com' : '.opendatasoft.com';
      recordCookieChange(site, browserCookie({ name: '_ga', domain, hostOnly: false }), false, now);
      const report = buildReport(site, registry, now);
      expect([host, report.charter.kind, report.findings.map((finding) => `${finding.kind} ${finding.severity}`)]).toEqual([
        host,
        'none',
        ['undeclared medium'],
      ]);
    }
  });
});
