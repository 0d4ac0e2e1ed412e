import { describe, expect, it } from 'vitest';
import { badgeFor, BADGE_COLORS } from '../../src/background/findings-badge.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../src/core/cookies/site-record.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { bundledOpenCookieDatabaseRows } from '../../src/core/registry/bundled-open-cookie-database.ts';
import { buildReport } from '../../src/core/report/report.ts';
import { browserCookie } from '../support/cookies.ts';
import { finding } from '../support/reports.ts';
import { METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

const HOST = 'data.example-metropole.fr';
const registry = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
const DAY = 86400;
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;
const cookie = (name: string, lifetimeDays: number | null = 30, domain = HOST) =>
  browserCookie({
    name,
    domain,
    hostOnly: !domain.startsWith('.'),
    session: lifetimeDays === null,
    expirationDate: lifetimeDays === null ? undefined : NOW_S + lifetimeDays * DAY,
  });

function play(...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>): SiteRecord {
  const site = emptySite(HOST, '0');
  for (const [c, removed = false] of steps) recordCookieChange(site, c, removed, NOW_MS);
  return site;
}

describe('badgeFor', () => {
  it('counts findings and colours by the most serious', () => {
    expect(badgeFor([])).toEqual({ text: '', color: '#5d6369' });
    const site = play([cookie('_pk_id.1.abc', 300)]);
    const report = buildReport(site, registry, NOW_MS);
    expect(badgeFor(report.findings)).toEqual({ text: String(report.findings.length), color: '#b3261e' });
    const quiet = buildReport(play([cookie('sessionid', 14)]), registry, NOW_MS);
    expect(badgeFor(quiet.findings).color).toBe('#5d6369');
  });

  it('is amber when the worst finding is medium, and caps the count at 999+', () => {
    expect(badgeFor([finding({ kind: 'undeclared', cookie: 'widget' }), finding({ kind: 'not-seen', cookie: '_ga' })]).color).toBe(
      BADGE_COLORS.medium,
    );
    const many = Array.from({ length: 1000 }, (_, i) => finding({ kind: 'not-seen', cookie: `c${i}` }));
    expect(badgeFor(many)).toEqual({ text: '999+', color: BADGE_COLORS.low });
    expect(badgeFor(many.slice(0, 999)).text).toBe('999');
  });
});
