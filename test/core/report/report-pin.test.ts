/**
 * Pins the whole report of varied sites, byte for byte. Building the report is tuned for speed
 * (the popup opened on a stopped worker waits for it); a change that moves one field, one finding
 * or one tie between equal names changes the digest. The digests were taken from the reports of
 * the code before that tuning (main at 2965daa). When a change of the report is meant (a new
 * field, a new wording), check the new report by hand and update the digest in the same commit.
 * Updated for `knownLifetime` (a known tracker's lifetime as data): without it, the digests were unchanged.
 * Updated for `purposeFr` (a known tracker's purpose in French): without it, the digests were unchanged.
 * Updated for `pages` (the paths the site's tabs loaded, an empty list here): without it, the digests were unchanged.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LiveCharterRecord } from '../../../src/core/charter/live.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { buildRegistry } from '../../../src/core/registry/registry.ts';
import { createReportMemo } from '../../../src/core/report/report-memo.ts';
import { createFirstPages } from '../../../src/core/report/report-page.ts';
import { buildReport, type StoreLosses } from '../../../src/core/report/report.ts';
import { siteRegistry } from '../../../src/core/report/site-charter.ts';
import { browserCookie } from '../../support/cookies.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../registry/charter-fixtures.ts';

const BUNDLED = 'data.example-metropole.fr';
const PLATFORM = 'bench.opendatasoft.com';
const OTHER = 'opendata.example.org';
const NOW_MS = 1_700_000_000_000;
const LOSSES: StoreLosses = { sitesDropped: 2, lastDropAt: NOW_MS - 5000, unsavedSince: null };
const registry = buildRegistry({ [BUNDLED]: METROPOLE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

/** Names of every kind: charters' exact names and prefixes, the platform's, known trackers, database rows (some bound to a domain), unknown, hostile. */
const NAMES = [
  'sessionid',
  'csrftoken',
  'django_language',
  'ods-lang',
  '_pk_id.1.a1b2',
  '_pk_ses.1.a1b2',
  '_ga',
  '_ga_ABC',
  '_gid',
  '_hjSessionUser_12',
  '_fbp',
  'AWSALB',
  '__cf_bm',
  'IDE',
  'test_cookie',
  'NID',
  '__utma',
  'YSC',
  'bcookie',
  'fr',
  'PHPSESSID',
  'JSESSIONID',
  '_gcl_au',
  'wp-settings-1',
  'widget',
  'unknown_x',
  '<b>bold</b>',
  'é',
  '',
];
const DOMAINS = (host: string) => [
  host,
  `.${host}`,
  '.doubleclick.net',
  'cdn.example.net',
  `www.${host}`,
  '.google.com',
  '.youtube.com',
  '.linkedin.com',
  '.facebook.com',
];
const CONSENTS = [
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, timestamp: NOW_MS - 1000 })),
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: false, ga: false, timestamp: NOW_MS - 500 })),
  encodeURIComponent(JSON.stringify({ functional_cookies: false, timestamp: NOW_MS - 200 })),
];

/** A deterministic sequence of cookie events and choices (mulberry32, a small seeded generator: the same site every run). */
function site(host: string, events: number, seed: number): SiteRecord {
  const record = emptySite(host, '0');
  let state = seed;
  const next = (bound: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) % bound;
  };
  for (let i = 0; i < events; i++) {
    const at = NOW_MS + i * 1000;
    if (next(25) === 0) {
      recordCookieChange(
        record,
        browserCookie({ name: 'cookies_preferences', domain: host, value: CONSENTS[next(CONSENTS.length)]! }),
        false,
        at,
      );
      continue;
    }
    const name = `${NAMES[next(NAMES.length)]!}${next(4) === 0 ? `_${next(50)}` : ''}`;
    const domain = DOMAINS(host)[next(9)]!;
    const days = next(6) === 0 ? null : next(800);
    const embedded = !domain.endsWith(host) && next(2) === 0;
    recordCookieChange(
      record,
      browserCookie({
        name,
        domain,
        hostOnly: !domain.startsWith('.'),
        path: ['/', '/api', '/explore'][next(3)]!,
        secure: next(2) === 0,
        httpOnly: next(2) === 0,
        sameSite: (['lax', 'strict', 'no_restriction', 'unspecified'] as const)[next(4)]!,
        session: days === null,
        expirationDate: days === null ? undefined : at / 1000 + days * 86400 + 0.25,
      }),
      next(5) === 0,
      at,
      {
        page: next(3) === 0 ? null : `/page/${next(9)}`,
        found: next(10) === 0,
        ...(embedded ? { via: next(2) === 0 ? 'frame' : 'response' } : {}),
      },
    );
  }
  return record;
}

const live = (host: string): LiveCharterRecord => ({
  host,
  fetchedAt: NOW_MS - 100,
  url: `https://${host}/terms/cookies-policy/`,
  charter: ITIE_CHARTER,
  problem: null,
});

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Each case: the site, the live charter if any, and the digest of its report, of its first page, and of that page's totals. */
const CASES: Array<{ name: string; site: () => SiteRecord; live: LiveCharterRecord | null; report: string; page: string }> = [
  {
    name: 'a bundled portal',
    site: () => site(BUNDLED, 600, 7),
    live: null,
    report: '70a60f2dae9116944737869d5c66e97fd4d6bfdea33390bf58430d1feef9a7c3',
    page: 'ee05670b516f75f7c66817dd1b5252828fd8d90bfa5f8845ce3565f1bb3dfde0',
  },
  {
    name: 'a bundled portal read live',
    site: () => site(BUNDLED, 600, 11),
    live: live(BUNDLED),
    report: 'e08e44af23c091b52b67dccf81994b2c0781483b63c047eb5d4c56a83f9f56fb',
    page: 'e3733c4e84b3582a5390f43a7eb521e6e7330de268afc33e96f75ec1b97b0704',
  },
  {
    name: 'a platform portal (its default charter)',
    site: () => site(PLATFORM, 900, 13),
    live: null,
    report: '0c428c3980278f20a7a1057c5092a2e4bc18246e430923d202e35c9d465aa012',
    page: '09cfbe7f1919b1e93dad493900ccbd93f22b121669aef3a059bed36056deb771',
  },
  {
    name: 'a site off the platform (recognised by its cookies)',
    site: () => site(OTHER, 400, 17),
    live: null,
    report: 'ea9751264b7da812a7008a5c98d370277040d3428217ccaf394573d6e0fabe63',
    page: '8457869fa85c4352b89a8b01f827fd737562cc7ae0d683b2303233cb6986757a',
  },
];

describe('the report, pinned', () => {
  for (const pinned of CASES) {
    it(`is the same, byte for byte, for ${pinned.name}`, () => {
      const record = pinned.site();
      const names = Object.values(record.cookies).map((cookie) => cookie.name);
      const fresh = buildReport(record, siteRegistry(registry, record.host, pinned.live, names), NOW_MS, pinned.live, LOSSES);
      const memo = createReportMemo();
      const inputs = { site: record, revision: 1, base: registry, live: pinned.live, now: NOW_MS, losses: LOSSES };
      const memoized = memo.report(inputs);
      expect(fresh.cookies.length).toBeGreaterThan(100);
      expect(JSON.stringify(memoized)).toBe(JSON.stringify(fresh));
      expect(digest(fresh)).toBe(pinned.report);
      const page = createFirstPages()(memoized, { cookies: 50, findings: 20, events: 20 });
      expect(digest(page)).toBe(pinned.page);
    });
  }
});
