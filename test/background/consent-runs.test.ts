import { describe, expect, it } from 'vitest';
import { createConsentRuns } from '../../src/background/consent-runs.ts';
import type { ParsedCharter } from '../../src/core/charter/types.ts';
import { exportCharterDraft } from '../../src/core/draft/draft-export.ts';
import { keptRun, runOfReport } from '../../src/core/report/compare-runs.ts';
import { consentRunItem } from '../../src/core/storage/session-items.ts';
import { storedBytes } from '../../src/core/storage/session-quota.ts';
import { fakeSession } from '../support/fake-session.ts';
import { localeTranslate } from '../support/locale-translate.ts';
import { report, reportCookie } from '../support/reports.ts';
import { auditSite, charterEntry, playSite } from '../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';

/** A charter that declares some of what the runs set, with a lifetime shorter than observed. */
const CHARTER: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    charterEntry('sessionid', { duration: '2 semaines' }),
    charterEntry('_pk_id.', { provider: 'Matomo', match: 'prefix', duration: '6 mois', category: 'statistics' }),
    charterEntry('_pk_ses.', { provider: 'Matomo', match: 'prefix', duration: '30 minutes', category: 'statistics' }),
  ],
};

/** A run recorded with every kind of cookie a draft tells apart: declared, too long-lived, undeclared, embedded content's, of unknown origin. */
const recordedRun = (consent: 'accepted' | 'refused', days: number) =>
  auditSite(
    playSite(
      HOST,
      [
        { name: 'sessionid', days: 14 },
        { name: '_pk_id.1.a1b2', days },
        { name: 'widget', days: 2 },
        { name: 'disqus_unique', days: 365, domain: '.disqus.com', context: { via: 'frame' } },
        { name: '_ga', days: 400, domain: '.opendatasoft.com', context: { originUnknown: true } },
      ],
      consent,
    ),
    CHARTER,
  );

function setup() {
  const session = fakeSession();
  const asked: string[] = [];
  const runs = createConsentRuns(
    session,
    async (host, storeId) => (
      asked.push(`${storeId}|${host}`),
      report([reportCookie({ name: '_ga', category: 'statistics' })], {
        consent: { state: 'accepted', changedAt: 1, trackers: { ga: true } },
        pages: ['/', '/explore/'],
      })
    ),
    localeTranslate('en'),
    { now: () => 77 },
  );
  return { session, runs, asked };
}

describe('consent runs', () => {
  it('keep the site’s report as its run, per store, and give it back, with the pages it loaded', async () => {
    const { session, runs, asked } = setup();
    await runs.save('data.tco.re', 'firefox-private');
    expect(asked).toEqual(['firefox-private|data.tco.re']);
    const run = await runs.get('data.tco.re', 'firefox-private');
    expect(run).toMatchObject({ savedAt: 77, consent: { state: 'accepted', trackers: { ga: true } }, cookies: [{ name: '_ga' }] });
    expect(run?.pages).toEqual(['/', '/explore/']);
    expect(await runs.get('data.tco.re', '0')).toBeNull();
    expect(session.data[consentRunItem('firefox-private', 'data.tco.re').key]).toBeTypeOf('string');
  });

  it('keep of the report only what a charter draft from both runs and the panel read: the same draft, far smaller; never a cookie’s value', async () => {
    const session = fakeSession();
    const accept = recordedRun('accepted', 393);
    const refuse = recordedRun('refused', 100);
    expect(accept.timeline.events.length).toBeGreaterThan(0);
    expect(accept.findings.map((finding) => finding.kind)).toEqual(expect.arrayContaining(['lifetime', 'not-seen', 'undeclared']));
    const runs = createConsentRuns(session, async () => accept, localeTranslate('en'), { now: () => 77 });
    expect(await runs.savedReport(HOST, '0')).toBeNull();
    await runs.save(HOST, '0');
    const saved = await runs.savedReport(HOST, '0');
    expect(saved).not.toBeNull();
    // A draft from the kept run and the next one is the draft from both whole reports, in both formats and languages.
    for (const format of ['charter-markdown', 'charter-html'] as const) {
      for (const language of ['fr', 'en'] as const) {
        expect(exportCharterDraft([saved!, refuse], format, language)).toEqual(exportCharterDraft([accept, refuse], format, language));
      }
    }
    // What the panel is sent of it is the run as before, its findings counted, without the report.
    const run = await runs.get(HOST, '0');
    expect(run).toEqual(runOfReport(accept, 77));
    expect(run).not.toHaveProperty('report');
    // No timeline, no evidence, no flags or times of the cookies: a fraction of the report.
    const key = consentRunItem('0', HOST).key;
    const stored = session.data[key] as string;
    expect(stored).not.toContain('"timeline"');
    expect(stored).not.toContain('"evidence"');
    expect(stored).not.toContain('"expires"');
    expect(storedBytes(key, stored)).toBeLessThan(storedBytes(key, JSON.stringify(accept)) / 2);
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');
  });

  it('refuse a run past a site record’s limit, saying why in the interface’s language, and keep the run kept before', async () => {
    const session = fakeSession();
    const accept = recordedRun('accepted', 393);
    let current = accept;
    const limitBytes = storedBytes(consentRunItem('0', HOST).key, consentRunItem('0', HOST).encode(keptRun(accept, 77)));
    const runs = createConsentRuns(session, async () => current, localeTranslate('fr'), { now: () => 77, limitBytes });
    await runs.save(HOST, '0');
    const before = session.data[consentRunItem('0', HOST).key];
    current = recordedRun('refused', 100);
    current = { ...current, cookies: [...current.cookies, reportCookie({ name: 'x'.repeat(4000) })] };
    const writes = session.writes;
    await expect(runs.save(HOST, '0')).rejects.toThrow(localeTranslate('fr')('runTooLarge'));
    expect(session.writes).toBe(writes);
    expect(session.data[consentRunItem('0', HOST).key]).toBe(before);
  });

  it('read a run an earlier version kept, without its report, as none', async () => {
    const { session, runs } = setup();
    const item = consentRunItem('0', 'data.tco.re');
    session.data[item.key] = JSON.stringify(runOfReport(report([reportCookie({ name: '_ga' })]), 5));
    expect(await runs.get('data.tco.re', '0')).toBeNull();
    expect(await runs.savedReport('data.tco.re', '0')).toBeNull();
  });

  it('read a kept run of another shape as none, never failing for it', async () => {
    const { session, runs } = setup();
    const item = consentRunItem('0', 'data.tco.re');
    await runs.save('data.tco.re', '0');
    const good = JSON.parse(session.data[item.key] as string);
    const withReport = (report: object) => ({ ...good, report: { ...good.report, ...report } });
    const cookie = good.report.cookies[0];
    const shapes: unknown[] = [
      // What a reviewer stored: the popup could not show the site's report at all.
      { savedAt: 1, findings: 0, report: {} },
      { savedAt: 1, findings: 0, report: { consent: { state: 'accepted', trackers: {} }, cookies: [] } },
      null,
      [],
      'run',
      { ...good, savedAt: 'yesterday' },
      { ...good, report: null },
      withReport({ consent: null }),
      withReport({ consent: { state: 3, trackers: {} } }),
      withReport({ consent: { state: 'accepted', trackers: null } }),
      withReport({ consent: { state: 'accepted', trackers: { ga: 'yes' } } }),
      withReport({ cookies: {} }),
      withReport({ cookies: [null] }),
      withReport({ cookies: [{ ...cookie, name: 7 }] }),
      withReport({ cookies: [{ ...cookie, domain: undefined }] }),
      withReport({ cookies: [{ ...cookie, removed: 'no' }] }),
      withReport({ findings: 'none' }),
      withReport({ findings: [{ kind: 'after-refusal', cookie: null }] }),
      withReport({ pages: 5 }),
      withReport({ pages: [5] }),
    ];
    for (const stored of shapes) {
      session.data[item.key] = JSON.stringify(stored);
      expect(await runs.get('data.tco.re', '0'), JSON.stringify(stored)).toBeNull();
      expect(await runs.savedReport('data.tco.re', '0'), JSON.stringify(stored)).toBeNull();
    }
    session.data[item.key] = JSON.stringify(good);
    expect(await runs.get('data.tco.re', '0')).toMatchObject({ savedAt: 77, consent: { state: 'accepted' } });
  });

  it('drop a kept run, and do nothing when there is none', async () => {
    const { session, runs } = setup();
    const removes: string[][] = [];
    const remove = session.remove.bind(session);
    session.remove = async (keys) => (removes.push(keys), remove(keys));
    await runs.drop('data.tco.re', '0');
    expect(removes).toEqual([]);
    await runs.save('data.tco.re', '0');
    await runs.drop('data.tco.re', '0');
    expect(removes).toEqual([[consentRunItem('0', 'data.tco.re').key]]);
    expect(await runs.get('data.tco.re', '0')).toBeNull();
  });
});
