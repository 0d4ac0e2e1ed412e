import { describe, expect, it } from 'vitest';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import { PLATFORM_DEFAULT_CHARTER } from '../../../src/core/registry/platform-default.ts';
import { buildRegistry, bundledCharterFor, charterFor, withSiteCharter } from '../../../src/core/registry/registry.ts';
import { acceptAll, lookupName } from '../../../src/core/registry/name-index.ts';
import type { OpenCookieDatabaseRow } from '../../../src/core/registry/open-cookie-database-document.ts';
import { BUNDLED_CHARTERS, ITIE_CHARTER, METROPOLE_CHARTER } from './charter-fixtures.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';

const registry = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

describe('charterFor', () => {
  it('returns the charter bundled for the exact host', () => {
    expect(charterFor(registry, 'data.example-metropole.fr')).toEqual({ kind: 'bundled', charter: METROPOLE_CHARTER });
  });

  it('ignores case and a trailing root dot in the host', () => {
    expect(charterFor(registry, 'Data.Example-Metropole.FR.').kind).toBe('bundled');
  });

  it('prefers a bundled charter over the platform default for a platform host', () => {
    expect(charterFor(registry, 'itie.opendatasoft.com')).toEqual({ kind: 'bundled', charter: ITIE_CHARTER });
  });

  it.each(['someportal.opendatasoft.com', 'someportal.huwise.com', 'a.b.huwise.com'])(
    'returns the platform default for the unbundled platform host %s',
    (host) => {
      expect(charterFor(registry, host)).toEqual({ kind: 'platform-default', charter: PLATFORM_DEFAULT_CHARTER });
    },
  );

  it.each([
    'data.other-city.fr',
    'opendatasoft.com',
    'www.opendatasoft.com',
    'www.huwise.com',
    'legal.huwise.com',
    'legal.opendatasoft.com',
    'example-metropole.fr',
    '',
  ])('returns none for %j', (host) => {
    expect(charterFor(registry, host)).toEqual({ kind: 'none', charter: null });
  });

  it('matches bundled hosts exactly, not by subdomain', () => {
    expect(charterFor(registry, 'www.data.example-metropole.fr').kind).toBe('none');
  });

  it('finds a portal bundled as NAME.opendatasoft.com when it answers as NAME.huwise.com, and the other way round', () => {
    expect(charterFor(registry, 'itie.huwise.com')).toEqual({ kind: 'bundled', charter: ITIE_CHARTER });
    expect(charterFor(registry, 'ITIE.Huwise.com.')).toEqual({ kind: 'bundled', charter: ITIE_CHARTER });
    expect(bundledCharterFor(registry, 'itie.huwise.com')?.charter).toBe(ITIE_CHARTER);
    const huwise = buildRegistry({ 'newportal.huwise.com': ITIE_CHARTER }, { openCookieDatabase: [] });
    expect(charterFor(huwise, 'newportal.opendatasoft.com')).toEqual({ kind: 'bundled', charter: ITIE_CHARTER });
    // Only between the platform's two domains: a customer domain or another suffix is no alias.
    expect(charterFor(registry, 'itie.huwise.org').kind).toBe('none');
    expect(charterFor(registry, 'itie.opendatasoft.com.example').kind).toBe('none');
    expect(charterFor(registry, 'itie.example.huwise.com').kind).toBe('platform-default');
    expect(bundledCharterFor(registry, 'data.example-metropole.huwise.com')).toBeUndefined();
  });

  it('lets a live charter of the NAME.huwise.com host override the bundled one it aliases', () => {
    const live = withSiteCharter(registry, 'itie.huwise.com', METROPOLE_CHARTER, 'live');
    expect(charterFor(live, 'itie.huwise.com')).toEqual({ kind: 'live', charter: METROPOLE_CHARTER });
    expect(charterFor(live, 'itie.opendatasoft.com')).toEqual({ kind: 'bundled', charter: ITIE_CHARTER });
  });
});

describe('buildRegistry', () => {
  it('throws when two keys name the same host', () => {
    expect(() =>
      buildRegistry({ 'data.example.fr': METROPOLE_CHARTER, 'DATA.example.fr': ITIE_CHARTER }, { openCookieDatabase: [] }),
    ).toThrowError(/Two bundled charters for host "data.example.fr"/);
  });

  it('does not modify the charters it is given', () => {
    const frozen = structuredClone(BUNDLED_CHARTERS);
    Object.values(frozen).forEach((charter) => Object.freeze(charter.entries));
    buildRegistry(frozen, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    expect(frozen).toEqual(BUNDLED_CHARTERS);
  });

  it('indexes the bundled Open Cookie Database once: exact names, and prefixes each in the prefix tree', () => {
    const index = registry.openCookieDatabase;
    expect(index.exact.get('sessionid')?.map((entry) => entry.row.platform)).toEqual(['Instagram']);
    expect(index.prefixes.has('_ga_')).toBe(true);
    for (const [prefix, rows] of index.prefixes) expect(lookupName(index, `${prefix}\uFFFF`, acceptAll, null)?.value).toBe(rows[0]);
    const total = [...index.exact.values(), ...index.prefixes.values()].reduce((sum, rows) => sum + rows.length, 0);
    expect(total).toBe(bundledOpenCookieDatabaseRows().length);
  });

  it('indexes an Open Cookie Database name with a literal * (Wildcard 0) as the prefix before the *', () => {
    const sspr = registry.openCookieDatabase.prefixes.get('SSPR_');
    expect(sspr?.map((entry) => [entry.row.name, entry.row.wildcard])).toEqual([['SSPR_*', false]]);
    expect(registry.openCookieDatabase.exact.has('SSPR_*')).toBe(false);
  });

  it('reads an Open Cookie Database Domain cell into domains (when a cookie of its name is first matched)', () => {
    const [token] = registry.openCookieDatabase.exact.get('token') ?? [];
    expect(token?.domains).toEqual(['adform.net']);
    expect(token?.anyDomain).toBe(false);
    const [ga] = registry.openCookieDatabase.exact.get('_ga') ?? [];
    expect(ga?.anyDomain).toBe(true);
    // "google-analytics.com (3rd party) or ": set on the site's own domain too, so on any.
    const [utmv] = registry.openCookieDatabase.exact.get('__utmv') ?? [];
    expect([utmv?.domains, utmv?.anyDomain]).toEqual([['google-analytics.com'], true]);
  });

  it('uses the known trackers and the bundled Open Cookie Database unless told otherwise', () => {
    const custom: OpenCookieDatabaseRow = {
      id: 'row-1',
      platform: 'Test',
      category: 'Analytics',
      name: 'only_cookie',
      domain: '',
      description: 'd',
      retention: 'r',
      wildcard: false,
    };
    const small = buildRegistry({}, { knownTrackers: [], openCookieDatabase: [custom] });
    expect(small.knownTrackers.exact.size + small.knownTrackers.prefixes.size).toBe(0);
    expect([...small.openCookieDatabase.exact.keys()]).toEqual(['only_cookie']);
    const full = buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    const trackerRules = full.knownTrackers.exact.size + full.knownTrackers.prefixes.size;
    expect(trackerRules).toBe(KNOWN_TRACKERS.length);
  });
});
