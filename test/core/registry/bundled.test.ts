import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CHARTERS, BUNDLED_PORTAL_HOSTS, buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { charterFor } from '../../../src/core/registry/registry.ts';
import { matchCookie } from '../../../src/core/registry/match.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { PLATFORM_DEFAULT_CHARTER } from '../../../src/core/registry/platform-default.ts';
import { BUNDLED_CHARTERS_PATH, bundledChartersDocument } from '../../../scripts/registry-source.ts';

describe('bundled registry (data)', () => {
  it('is exactly what the parser makes of charters/', () => {
    const committed = JSON.parse(readFileSync(BUNDLED_CHARTERS_PATH, 'utf8'));
    expect(committed).toEqual(bundledChartersDocument());
  });

  it('holds the five real portals, each charter naming the portal it is filed under', () => {
    expect([...BUNDLED_PORTAL_HOSTS].sort()).toEqual([
      'anglet-opendatapaysbasque.opendatasoft.com',
      'data.nantesmetropole.fr',
      'data.tco.re',
      'data.toulouse-metropole.fr',
      'itie.opendatasoft.com',
    ]);
    for (const [host, charter] of Object.entries(BUNDLED_CHARTERS)) expect(charter.portal).toBe(host);
  });

  it('has unique cookie names per charter and a purpose for every entry', () => {
    for (const charter of Object.values(BUNDLED_CHARTERS)) {
      const names = charter.entries.map((entry) => `${entry.match}:${entry.cookie}`);
      expect(new Set(names).size).toBe(names.length);
      for (const entry of charter.entries) expect(entry.purpose.trim()).not.toBe('');
    }
  });

  it('gives unbundled platform portals the four functional cookies the real charters state', () => {
    const real = BUNDLED_CHARTERS['data.toulouse-metropole.fr']!.entries.map((entry) => entry.cookie).sort();
    expect(PLATFORM_DEFAULT_CHARTER.entries.map((entry) => entry.cookie).sort()).toEqual(real);
    // Worded after the platform's current published policy (new template), not the older charters.
    for (const entry of PLATFORM_DEFAULT_CHARTER.entries) expect(entry).toMatchObject({ provider: 'Huwise', category: 'necessary' });
    expect(charterFor(buildBundledRegistry(bundledOpenCookieDatabaseRows()), 'demo.huwise.com').kind).toBe('platform-default');
  });

  it('matches the platform cookies of a bundled portal to its own charter, never to Instagram', () => {
    const match = matchCookie(buildBundledRegistry(bundledOpenCookieDatabaseRows()), 'data.tco.re', {
      name: 'sessionid',
      domain: 'data.tco.re',
    });
    expect(match).toMatchObject({ source: 'charter', declared: true, provider: 'Opendatasoft', category: 'necessary' });
    expect(match.reference).toMatchObject({ kind: 'charter', charterKind: 'bundled', host: 'data.tco.re' });
  });

  it('describes a cookie whose upstream database name held a soft hyphen (Loggly’s logglytrackingsession)', () => {
    const match = matchCookie(buildBundledRegistry(bundledOpenCookieDatabaseRows()), 'example.org', {
      name: 'logglytrackingsession',
      domain: '',
    });
    expect(match).toMatchObject({ source: 'open-cookie-database', provider: 'Loggly' });
  });
});
