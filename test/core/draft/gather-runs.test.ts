import { describe, expect, it } from 'vitest';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { gatherRuns } from '../../../src/core/draft/gather-runs.ts';
import { keptRun, type RunReport } from '../../../src/core/report/compare-runs.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { auditSite, charterEntry, DAY, NOW_MS, playSite, registryWith } from '../../support/charter-audit.ts';
import { browserCookie } from '../../support/cookies.ts';

const HOST = 'demo.opendatasoft.com';

const entry = charterEntry;

const CHARTER: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    entry('sessionid'),
    entry('_ga', { provider: 'Google', category: 'statistics' }),
    entry('_ga', { provider: 'Google', category: 'other' }),
    entry('django_language'),
  ],
};

describe('gatherRuns', () => {
  it('keeps the site’s charter over the platform’s default another run stood in with, in the charter’s order', () => {
    const live = auditSite(playSite(HOST, [{ name: '_ga', days: 30 }], 'accepted'), CHARTER);
    const standIn = auditSite(playSite(HOST, [{ name: 'sessionid', days: 30 }], 'refused'), null);
    expect(standIn.charter.kind).toBe('platform-default');
    const gathered = gatherRuns([standIn, live]);
    expect(gathered).toMatchObject({ charterKind: 'live', language: 'fr', added: [{ cookie: 'cookies_preferences', platform: true }] });
    expect(
      gathered.declared.map(({ entry: { cookie, category }, seen, missing, shadowed }) => [cookie, category, seen, missing, shadowed]),
    ).toEqual([
      // Seen by the run whose charter could not be read.
      ['sessionid', 'necessary', true, true, false],
      ['_ga', 'statistics', true, false, false],
      // Written twice: shadowed, and not missing, as `_ga` was seen (the report's `covered`).
      ['_ga', 'other', false, false, true],
      // The report does not call django_language missing: the platform sets it on multilingual portals only.
      ['django_language', 'necessary', false, false, false],
    ]);
  });

  it('takes an entry reworded between two runs as one, in the newer charter’s words, with what either run saw of it', () => {
    const charter = (duration: string): ParsedCharter => ({
      ...CHARTER,
      entries: [entry('sessionid'), entry('_ga', { provider: 'Google', category: 'statistics', duration })],
    });
    const older = auditSite(playSite(HOST, [{ name: '_ga', days: 390 }], 'accepted'), charter('13 mois'));
    const newer = auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), charter('25 mois'));
    const gathered = gatherRuns([older, newer]);
    expect(
      gathered.declared.map(({ entry: { cookie, duration }, seen, shadowed, repeated, lifetime }) => [
        cookie,
        duration,
        seen,
        shadowed,
        repeated,
        lifetime,
      ]),
    ).toEqual([
      ['sessionid', '12 mois', true, false, false, 14 * 86400],
      ['_ga', '25 mois', true, false, false, 390 * 86400],
    ]);
  });

  it('takes an entry the newer charter moved into the third-party section as one, in its words, with what either run saw of it', () => {
    const older = auditSite(playSite(HOST, [{ name: '_ga', days: 390 }], 'accepted'), {
      ...CHARTER,
      entries: [entry('_ga', { provider: 'Google', category: 'statistics', duration: '13 mois' })],
    });
    const newer = auditSite(playSite(HOST, [{ name: 'sessionid', days: 14 }], 'refused'), {
      ...CHARTER,
      entries: [entry('sessionid'), entry('_ga', { provider: 'Google', category: 'third-party', duration: '25 mois' })],
    });
    const gathered = gatherRuns([older, newer]);
    expect(
      gathered.declared.map(({ entry: { cookie, category }, seen, shadowed, lifetime }) => [cookie, category, seen, shadowed, lifetime]),
    ).toEqual([
      ['sessionid', 'necessary', true, false, 14 * DAY],
      ['_ga', 'third-party', true, false, 390 * DAY],
    ]);
  });

  it('hands what an older run saw through an entry the newer charter repeats below another of its name to the one that applies', () => {
    const statistics = entry('_ga', { provider: 'Google', category: 'statistics', duration: '6 mois' });
    const other = entry('_ga', { provider: 'Google', category: 'other', duration: '13 mois' });
    const older = auditSite(playSite(HOST, [{ name: '_ga', days: 500 }], 'accepted'), { ...CHARTER, entries: [statistics] });
    const newer = {
      ...auditSite(playSite(HOST, [], 'refused'), { ...CHARTER, entries: [other, statistics] }),
      generatedAt: older.generatedAt + 1,
    };
    const gathered = gatherRuns([older, newer]);
    expect(
      gathered.declared.map(({ entry: { category }, seen, seenOwn, shadowed, lifetime, tooShort }) => [
        category,
        seen,
        seenOwn,
        shadowed,
        lifetime,
        tooShort,
      ]),
    ).toEqual([
      // Never applies in the charter read last: what it saw is the other entry's now.
      ['statistics', false, false, true, undefined, false],
      ['other', true, true, false, 500 * DAY, true],
    ]);
  });

  it('says the site charter’s language is unknown when it is, never the platform default’s another run stood in with', () => {
    const live = auditSite(playSite(HOST, [{ name: '_ga', days: 30 }], 'accepted'), { ...CHARTER, language: null });
    const standIn = auditSite(playSite(HOST, [{ name: 'sessionid', days: 30 }], 'refused'), null);
    expect(standIn.charter.language).toBe('en');
    expect(gatherRuns([standIn, live])).toMatchObject({ charterKind: 'live', language: null });
  });

  it('takes the platform’s default when no run read the site’s charter, and nothing when none applied', () => {
    expect(gatherRuns([auditSite(playSite(HOST, []), null)])).toMatchObject({ charterKind: 'platform-default', language: 'en' });
    const none = gatherRuns([auditSite(playSite('example.org', [{ name: 'sessionid', days: 1 }]), null)]);
    // Off the platform, a `sessionid` is not the platform's.
    expect(none).toMatchObject({ charterKind: 'none', language: null, declared: [], added: [{ cookie: 'sessionid', platform: false }] });
  });

  it('keeps embedded content’s cookies apart when named like the platform’s, and the domains that set them', () => {
    const frame = { via: 'frame' } as const;
    const gathered = gatherRuns([
      auditSite(
        playSite(HOST, [
          { name: 'sessionid', days: 30 },
          { name: 'csrftoken', days: 30, domain: 'b.example', context: frame },
          { name: 'csrftoken', days: 30, domain: '.a.example', context: frame },
          { name: 'csrftoken', days: 30 },
        ]),
        { ...CHARTER, entries: [entry('sessionid')] },
      ),
    ]);
    expect(gathered.added.map(({ cookie, own, platform, embeddedBy }) => [cookie, own, platform, embeddedBy])).toEqual([
      ['csrftoken', false, false, ['a.example', 'b.example']],
      ['csrftoken', true, true, []],
    ]);
  });

  it('lists cookies of unknown origin no entry declares and the site was not seen to set, and adds none', () => {
    const shared = { domain: '.opendatasoft.com', context: { originUnknown: true } };
    const gathered = gatherRuns([
      auditSite(
        playSite(HOST, [
          { name: 'zeta', days: 1, ...shared },
          { name: 'alpha', days: 1, ...shared },
          { name: 'own', days: 1, ...shared },
          { name: 'own', days: 1 },
        ]),
        CHARTER,
      ),
    ]);
    expect(gathered.originUnknown).toEqual([
      { name: 'alpha', domain: '.opendatasoft.com' },
      { name: 'zeta', domain: '.opendatasoft.com' },
    ]);
    expect(gathered.added.map((cookie) => cookie.cookie)).toEqual(['own']);
  });

  it('calls missing only the entry the report’s not-seen finding is about, not another entry of the same name the choice explains', () => {
    const charter: ParsedCharter = {
      ...CHARTER,
      entries: [
        entry('audience_id', { provider: 'Mesure', category: 'statistics', duration: '6 mois' }),
        entry('audience_id', { category: 'necessary', duration: '6 mois' }),
      ],
    };
    for (const choice of ['none', 'refused'] as const) {
      // Neither seen: the statistics entry is absent by the visitor's choice; the finding is the necessary one's.
      const gathered = gatherRuns([auditSite(playSite(HOST, [], choice), charter)]);
      expect(
        gathered.declared.map(({ entry: { cookie, category }, missing }) => [cookie, category, missing]),
        choice,
      ).toEqual([
        ['audience_id', 'statistics', false],
        ['audience_id', 'necessary', true],
      ]);
    }
  });

  it('marks a stated lifetime too short when only a run made without the charter saw the cookie outlive it', () => {
    const charter: ParsedCharter = {
      ...CHARTER,
      entries: [entry('_ga', { provider: 'Google', category: 'statistics', duration: '13 mois' }), entry('_gid', { duration: 'Session' })],
    };
    // The run against the charter saw neither; the run made without it saw both outlive what the charter states.
    const live = auditSite(playSite(HOST, [], 'refused'), charter);
    const standIn = auditSite(
      playSite(
        HOST,
        [
          { name: '_ga', days: 400 },
          { name: '_gid', days: 1 },
        ],
        'accepted',
      ),
      null,
    );
    expect(standIn.charter.kind).toBe('platform-default');
    const gathered = gatherRuns([live, standIn]);
    expect(gathered.declared.map(({ entry: { cookie }, seen, tooShort }) => [cookie, seen, tooShort])).toEqual([
      ['_ga', true, true],
      ['_gid', true, true],
    ]);
  });

  /**
   * A site holding `longer` and `within`. The record keeps whole seconds of expiry: `longer`, written 0.6 s after NOW,
   * lives 2 days + 0.4 s, past "1 jour" and its day of slack; `within`, written 0.4 s after NOW, 2 days - 0.4 s.
   */
  const longerAndWithin = () => {
    const site = emptySite(HOST, '0');
    for (const [name, written, past] of [
      ['longer', 600, 1],
      ['within', 400, 0],
    ] as const) {
      const cookie = browserCookie({ name, domain: HOST, httpOnly: false, expirationDate: NOW_MS / 1000 + 2 * DAY + past });
      recordCookieChange(site, cookie, false, NOW_MS + written);
    }
    return site;
  };

  it('marks a stated lifetime too short as the report’s finding does, by less than the second the report rounds lifetimes to', () => {
    const charter: ParsedCharter = {
      ...CHARTER,
      entries: [entry('longer', { duration: '1 jour' }), entry('within', { duration: '1 jour' })],
    };
    const site = longerAndWithin();
    const report = buildReport(site, registryWith(HOST, charter), NOW_MS + 1000);
    expect(report.findings.filter((f) => f.kind === 'lifetime').map((f) => f.cookie)).toEqual(['longer']);
    // Both round to 2 days: only the report's unrounded comparison tells them apart.
    expect(report.cookies.map((cookie) => cookie.lifetimeSeconds)).toEqual([2 * DAY, 2 * DAY]);
    expect(gatherRuns([report]).declared.map(({ entry: { cookie }, tooShort }) => [cookie, tooShort])).toEqual([
      ['longer', true],
      ['within', false],
    ]);
  });

  it('marks a stated lifetime too short as the report would, by less than a second, when only a run made without the charter saw it', () => {
    const charter: ParsedCharter = {
      ...CHARTER,
      entries: [entry('longer', { duration: '1 jour' }), entry('within', { duration: '1 jour' })],
    };
    const live = auditSite(playSite(HOST, [], 'accepted'), charter);
    const site = longerAndWithin();
    const without = buildReport(site, registryWith(HOST, null), NOW_MS + 1000);
    expect(without.cookies.map((cookie) => cookie.lifetimeSeconds)).toEqual([2 * DAY, 2 * DAY]);
    const tooShort = (runs: RunReport[]) => gatherRuns(runs).declared.map(({ entry: { cookie }, tooShort }) => [cookie, tooShort]);
    expect(tooShort([live, without])).toEqual([
      ['longer', true],
      ['within', false],
    ]);
    // Kept for later, the run holds the rounded lifetime alone, which cannot tell them apart: neither is marked (README, Limits).
    expect(tooShort([live, keptRun(without, NOW_MS + 2000).report])).toEqual([
      ['longer', false],
      ['within', false],
    ]);
  });

  it('leaves a stated lifetime unmarked when the cookie lived within it, or when the words say no lifetime', () => {
    const charter: ParsedCharter = {
      ...CHARTER,
      entries: [
        entry('_ga', { provider: 'Google', category: 'statistics', duration: '13 mois' }),
        entry('_gid', { duration: 'Session' }),
        entry('_pk_ref', { duration: 'variable' }),
      ],
    };
    const live = auditSite(playSite(HOST, [], 'refused'), charter);
    const standIn = auditSite(
      playSite(
        HOST,
        [
          { name: '_ga', days: 390 },
          { name: '_gid', days: null },
          { name: '_pk_ref', days: 900 },
        ],
        'accepted',
      ),
      null,
    );
    const gathered = gatherRuns([live, standIn]);
    expect(gathered.declared.map(({ entry: { cookie }, seen, tooShort }) => [cookie, seen, tooShort])).toEqual([
      ['_ga', true, false],
      ['_gid', true, false],
      ['_pk_ref', true, false],
    ]);
  });
});
