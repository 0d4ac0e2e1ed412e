import { describe, expect, it } from 'vitest';
import {
  comparableReport,
  compareRuns,
  isKeptRun,
  keptRun,
  pairRuns,
  runOfKeptRun,
  runOfReport,
} from '../../../src/core/report/compare-runs.ts';
import type { Phase } from '../../../src/core/consent/consent-choice.ts';
import { finding, frameCookie, report, reportCookie } from '../../support/reports.ts';

/** A report's cookies with their first phase, and the cookies its after-refusal findings name. */
const run = (cookies: ReturnType<typeof reportCookie>[], againstRefusal: string[] = []) =>
  comparableReport(report(cookies, { findings: againstRefusal.map((cookie) => finding({ kind: 'after-refusal', cookie })) }));
/** The site's own cookies of these names, as the comparison lists them. */
const own = (...names: string[]) => names.map((name) => ({ name, embeddedDomain: null }));
const afterAccept = { firstPhase: 'after-accept' as Phase };
const afterRefuse = { firstPhase: 'after-refuse' as Phase };

describe('compareRuns', () => {
  const accepted = run([
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics', ...afterAccept }),
    reportCookie({ name: '_pk_id.1.a1b2', category: 'statistics', ...afterAccept }),
    reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', ...afterAccept }),
  ]);

  it('lists the cookies only one run saw, sorted, and those its report finds against the refusal', () => {
    const refused = run(
      [
        reportCookie({ name: 'sessionid' }),
        reportCookie({ name: '_hjSessionUser_1234', category: 'other', status: 'undeclared', ...afterRefuse }),
        reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re' }),
      ],
      ['_ga', '_hjSessionUser_1234'],
    );
    expect(compareRuns(accepted, refused)).toEqual({
      onlyAfterAccept: own('_pk_id.1.a1b2', '_pk_ses.1.a1b2'),
      onlyAfterRefuse: own('_hjSessionUser_1234'),
      trackersAfterRefuse: own('_ga', '_hjSessionUser_1234'),
      originUnknown: [],
    });
  });

  it('names a cookie once, whatever the domains it was on', () => {
    const refused = run(
      [
        reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re', ...afterRefuse }),
        reportCookie({ name: '_ga', category: 'statistics', domain: '.data.tco.re', hostOnly: false, ...afterRefuse }),
        reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics', domain: 'data.tco.re', ...afterRefuse }),
        reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics', domain: '.data.tco.re', hostOnly: false, ...afterRefuse }),
      ],
      ['_ga', '_ga', '_pk_ses.1.a1b2', '_pk_ses.1.a1b2'],
    );
    const comparison = compareRuns(refused, refused);
    expect(comparison.trackersAfterRefuse).toEqual(own('_ga', '_pk_ses.1.a1b2'));
    expect(compareRuns(refused, run([])).onlyAfterAccept).toEqual(own('_ga', '_pk_ses.1.a1b2'));
    expect(compareRuns(run([]), refused).onlyAfterRefuse).toEqual(own('_ga', '_pk_ses.1.a1b2'));
  });

  it('says what the refusing run’s report says against the refusal, not what the categories suggest', () => {
    // Matomo filed necessary by the charter, its switch refused: the report finds it (findings.ts);
    // Matomo's opt-out cookie, filed under statistics, only keeps the choice: the report does not.
    const refused = run(
      [
        reportCookie({ name: '_pk_id.1.ab', category: 'necessary', ...afterRefuse }),
        reportCookie({ name: 'mtm_consent_removed', category: 'statistics', ...afterRefuse }),
        reportCookie({ name: '_ga', category: 'statistics', removed: 7, ...afterRefuse }),
      ],
      ['_pk_id.1.ab', '_ga'],
    );
    expect(compareRuns(accepted, refused).trackersAfterRefuse).toEqual(own('_ga', '_pk_id.1.ab'));
  });

  it('leaves out of "only after" a cookie first seen before the choice, at a time not known, or where no choice is read', () => {
    const early = run([
      reportCookie({ name: 'sessionid' }),
      reportCookie({ name: '_hjSessionUser_1234', category: 'statistics' }),
      reportCookie({ name: 'found', category: 'other', firstPhase: 'unknown' }),
      reportCookie({ name: 'unread', category: 'other', firstPhase: 'choice-unreadable' }),
      reportCookie({ name: '_pk_id.1.a1b2', category: 'statistics', ...afterAccept }),
    ]);
    expect(compareRuns(early, run([reportCookie({ name: 'sessionid' })])).onlyAfterAccept).toEqual(own('_pk_id.1.a1b2'));
    expect(compareRuns(run([reportCookie({ name: 'sessionid' })]), early).onlyAfterRefuse).toEqual(own('_pk_id.1.a1b2'));
  });

  it('judges no cookie of unknown origin, and lists those apart', () => {
    const shared = (name: string) =>
      reportCookie({ name, category: 'statistics', domain: '.tco.re', hostOnly: false, originUnknown: true, ...afterRefuse });
    const refused = run(
      [
        reportCookie({ name: 'sessionid' }),
        // `_ga` of unknown origin beside the site's own `_ga`: the site's own is judged, once.
        reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re' }),
        shared('_ga'),
        // Only of unknown origin: another open site may have set them.
        shared('_pk_id.1.a1b2'),
        shared('_hjSessionUser_1234'),
      ],
      ['_ga'],
    );
    expect(compareRuns(accepted, refused)).toEqual({
      onlyAfterAccept: own('_pk_ses.1.a1b2'),
      onlyAfterRefuse: [],
      trackersAfterRefuse: own('_ga'),
      originUnknown: own('_hjSessionUser_1234', '_pk_id.1.a1b2'),
    });
  });

  it('does not list apart a cookie of unknown origin in one run that the other run’s report finds against the refusal', () => {
    // The accepting run had another site open beside it: its `_ga` on .tco.re is of unknown origin there;
    // the refusing run had the portal open alone: the same `_ga` is the site's own, set after the refusal.
    const shared = run([
      reportCookie({ name: 'sessionid' }),
      reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', hostOnly: false, originUnknown: true, ...afterAccept }),
    ]);
    const refused = run(
      [
        reportCookie({ name: 'sessionid' }),
        reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', hostOnly: false, ...afterRefuse }),
      ],
      ['_ga'],
    );
    expect(compareRuns(shared, refused)).toEqual({
      onlyAfterAccept: [],
      onlyAfterRefuse: [],
      trackersAfterRefuse: own('_ga'),
      originUnknown: [],
    });
  });

  it('tells the site’s own cookie from embedded content’s of the same name: a frame’s `_ga` hides no `_ga` of the site', () => {
    const frameGa = frameCookie('_ga', '.video.example', { category: 'statistics' });
    const siteGa = reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', hostOnly: false, ...afterAccept });
    const accept = run([reportCookie({ name: 'sessionid' }), siteGa, { ...frameGa, ...afterAccept }]);
    const refuse = run([reportCookie({ name: 'sessionid' }), { ...frameGa, ...afterRefuse }]);
    expect(compareRuns(accept, refuse)).toEqual({
      onlyAfterAccept: [{ name: '_ga', embeddedDomain: null }],
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
    // The other way round: the frame's `_ga` only after accepting, named with its domain; the site's own seen by both.
    const withSiteGa = run([reportCookie({ name: 'sessionid' }), { ...siteGa, ...afterRefuse }], ['_ga']);
    expect(compareRuns(run([siteGa, { ...frameGa, ...afterAccept }]), withSiteGa)).toEqual({
      onlyAfterAccept: [{ name: '_ga', embeddedDomain: 'video.example' }],
      onlyAfterRefuse: [],
      trackersAfterRefuse: [{ name: '_ga', embeddedDomain: null }],
      originUnknown: [],
    });
  });

  it('names embedded content’s cookie found against the refusal with its domain, and takes a cookie of one name and domain as one whichever way a run tied it', () => {
    const frameGa = frameCookie('_ga', '.video.example', afterRefuse);
    const refuse = comparableReport(
      report([frameGa], { findings: [finding({ kind: 'after-refusal', cookie: '_ga', domain: '.video.example' })] }),
    );
    expect(refuse.againstRefusal).toEqual([{ name: '_ga', embeddedDomain: 'video.example' }]);
    // The accepting run did not tie the frame's `_ga` to its frame (its frames not all seen): still the same cookie.
    const untied = run([reportCookie({ name: '_ga', domain: '.video.example', hostOnly: false, ...afterAccept })]);
    expect(compareRuns(untied, refuse)).toMatchObject({ onlyAfterAccept: [], onlyAfterRefuse: [] });
    // Nor is it "not compared" where the accepting run took it for the site's own of unknown origin.
    const unknown = run([reportCookie({ name: '_ga', domain: '.video.example', hostOnly: false, originUnknown: true, ...afterAccept })]);
    expect(compareRuns(unknown, refuse)).toMatchObject({
      trackersAfterRefuse: [{ name: '_ga', embeddedDomain: 'video.example' }],
      originUnknown: [],
    });
  });

  it('compares a kept run’s embedded content as the report beside it does', () => {
    const frameGa = frameCookie('_ga', '.video.example');
    const accept = report(
      [reportCookie({ name: '_ga', domain: '.tco.re', hostOnly: false, ...afterAccept }), { ...frameGa, ...afterAccept }],
      { consent: { state: 'accepted', changedAt: 1, trackers: { ga: true } } },
    );
    const refuse = report([{ ...frameGa, ...afterRefuse }], { consent: { state: 'refused', changedAt: 1, trackers: { ga: false } } });
    const kept = runOfKeptRun(JSON.parse(JSON.stringify(keptRun(accept, 5))));
    expect(pairRuns(kept, runOfReport(refuse, 6))).toMatchObject({ kind: 'pair', comparison: { onlyAfterAccept: own('_ga') } });
  });

  it('counts a tracker removed after the refusal as seen by that run', () => {
    const refused = run([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_ga', category: 'statistics', removed: 5 })]);
    expect(compareRuns(accepted, refused).onlyAfterAccept).toEqual(own('_pk_id.1.a1b2', '_pk_ses.1.a1b2'));
  });

  it('takes any run that names its cookies, not only a whole report', () => {
    const saved = { cookies: [{ name: 'a', firstPhase: 'after-accept' as const, originUnknown: false }], againstRefusal: [] };
    expect(compareRuns(saved, { cookies: [], againstRefusal: [] })).toEqual({
      onlyAfterAccept: own('a'),
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
  });

  it('with the pages each run loaded, says which only one loaded and which cookies only one saw first appeared there', () => {
    const loaded = (pages: string[], cookies: Array<[string, string]>) => ({
      pages,
      againstRefusal: [],
      cookies: cookies.map(([name, firstPage]) => ({
        name,
        firstPage,
        firstPhase: 'after-choice' as const,
        originUnknown: false,
      })),
    });
    const accept = loaded(
      ['/', '/map/'],
      [
        ['sessionid', '/'],
        ['_pk_id.1', '/'],
        ['tiles', '/map/'],
      ],
    );
    const refuse = loaded(
      ['/', '/api/'],
      [
        ['sessionid', '/'],
        ['console', '/api/'],
      ],
    );
    expect(compareRuns(accept, refuse)).toMatchObject({
      onlyAfterAccept: own('_pk_id.1', 'tiles'),
      onlyAfterRefuse: own('console'),
      pagesNotShared: { onlyAccept: ['/map/'], onlyRefuse: ['/api/'], cookies: own('console', 'tiles') },
    });
    // The same pages, in any order, or pages not known: nothing to say.
    expect(compareRuns(accept, { ...accept, pages: ['/map/', '/'] })).not.toHaveProperty('pagesNotShared');
    expect(compareRuns(accept, { cookies: refuse.cookies, againstRefusal: [] })).not.toHaveProperty('pagesNotShared');
  });

  it('sorts by code unit, as everywhere in the project', () => {
    const named = (names: string[]) => ({
      cookies: names.map((name) => ({ name, firstPhase: 'after-accept' as const, originUnknown: false })),
      againstRefusal: [],
    });
    expect(compareRuns(named(['b', 'B', '_a', 'a']), named([])).onlyAfterAccept).toEqual(own('B', '_a', 'a', 'b'));
  });
});

describe('keptRun', () => {
  it('keeps a known tracker’s French purpose, which a French draft from both runs writes, and adds none to other cookies', () => {
    const kept = keptRun(
      report([
        reportCookie({ name: '_ga', source: 'known-tracker', purpose: 'Distinguishes users.', purposeFr: 'Distingue les utilisateurs.' }),
        reportCookie({ name: 'sessionid' }),
      ]),
      1,
    );
    const [tracker, charter] = kept.report.cookies;
    expect(tracker).toMatchObject({ purpose: 'Distinguishes users.', purposeFr: 'Distingue les utilisateurs.' });
    expect(Object.hasOwn(charter!, 'purposeFr')).toBe(false);
  });

  it('keeps the findings a draft and the comparison read, so a kept run says what it said against the refusal', () => {
    const full = report([reportCookie({ name: '_ga', category: 'statistics', firstPhase: 'after-refuse' })], {
      consent: { state: 'refused', changedAt: 4, trackers: { ga: false } },
      findings: [
        finding({ kind: 'before-consent', cookie: '_ga' }),
        finding({ kind: 'after-refusal', cookie: '_ga' }),
        finding({ kind: 'undeclared', cookie: '_ga' }),
      ],
    });
    const kept = keptRun(full, 100);
    expect(kept.report.findings.map((f) => f.kind)).toEqual(['after-refusal']);
    expect(runOfKeptRun(kept)).toMatchObject({ findings: 3, againstRefusal: own('_ga') });
  });

  it('keeps what a draft reads of the losses to storage: the cookies dropped, and of the timeline the evicted marker alone', () => {
    const evicted = { type: 'evicted' as const, at: 2, cookies: 40, events: 9 };
    const full = report([reportCookie({ name: 'sessionid' })], {
      timeline: { droppedEvents: 0, events: [evicted, { type: 'worker-restart', at: 3 }] },
      storage: { sitesDropped: 1, lastDropAt: 2, cookiesDropped: 5, unsavedSince: null },
    });
    expect(keptRun(full, 1).report).toMatchObject({ storage: { cookiesDropped: 5 }, timeline: { events: [evicted] } });
    expect(keptRun(report([]), 1).report).toMatchObject({ storage: { cookiesDropped: 0 } });
    expect(Object.hasOwn(keptRun(report([]), 1).report, 'timeline')).toBe(false);
  });
});

describe('isKeptRun', () => {
  it('takes what keptRun keeps, as JSON gives it back, and nothing of another shape', () => {
    const full = report([reportCookie({ name: '_ga', category: 'statistics', firstPhase: 'after-refuse' })], {
      consent: { state: 'refused', changedAt: 4, trackers: { ga: false } },
      findings: [finding({ kind: 'after-refusal', cookie: '_ga' })],
      pages: ['/'],
    });
    const kept = JSON.parse(JSON.stringify(keptRun(full, 100)));
    expect(isKeptRun(kept)).toBe(true);
    expect(isKeptRun({ ...kept, report: { ...kept.report, pages: undefined } })).toBe(true);
    expect(isKeptRun({ savedAt: 1, findings: 0, report: {} })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, consent: { state: 'maybe', trackers: {} } } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, cookies: [{ ...kept.report.cookies[0], category: 7 }] } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, cookies: [{ ...kept.report.cookies[0], firstPhase: 'later' }] } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, cookies: [{ ...kept.report.cookies[0], path: '/api' }] } })).toBe(true);
    expect(isKeptRun({ ...kept, report: { ...kept.report, cookies: [{ ...kept.report.cookies[0], path: 7 }] } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, cookies: [{ ...kept.report.cookies[0], partitionKey: {} }] } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, findings: [{ kind: 'after-refusal' }] } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, storage: undefined, timeline: { events: [{ type: 'evicted' }] } } })).toBe(true);
    expect(isKeptRun({ ...kept, report: { ...kept.report, storage: { cookiesDropped: '5' } } })).toBe(false);
    expect(isKeptRun({ ...kept, report: { ...kept.report, timeline: { events: 'evicted' } } })).toBe(false);
    expect(isKeptRun(runOfReport(full, 5))).toBe(false);
  });
});

describe('a run recorded in the panel: the pages it loaded', () => {
  const accepted = report(
    [
      reportCookie({ name: 'sessionid', firstPage: '/' }),
      reportCookie({ name: '_ga', category: 'statistics', firstPhase: 'after-accept', firstPage: '/explore/dataset/demo/' }),
    ],
    { consent: { state: 'accepted', changedAt: 1, trackers: { ga: true } }, pages: ['/', '/explore/dataset/demo/'] },
  );
  const refused = report([reportCookie({ name: 'sessionid', firstPage: '/' })], {
    consent: { state: 'refused', changedAt: 2, trackers: { ga: false } },
    pages: ['/'],
  });

  it('are kept with the run, with the page each cookie first appeared on, and compared as the audit compares its visits; not known, nothing said', () => {
    const kept = keptRun(accepted, 5);
    expect(kept.report.pages).toEqual(['/', '/explore/dataset/demo/']);
    expect(kept.report.cookies.map((c) => c.firstPage)).toEqual(['/', '/explore/dataset/demo/']);
    const saved = runOfKeptRun(kept);
    expect(saved.pages).toEqual(['/', '/explore/dataset/demo/']);
    for (const pair of [pairRuns(saved, runOfReport(refused, 6)), pairRuns(runOfReport(refused, 6), saved)]) {
      expect(pair).toMatchObject({
        kind: 'pair',
        comparison: {
          onlyAfterAccept: own('_ga'),
          pagesNotShared: { onlyAccept: ['/explore/dataset/demo/'], onlyRefuse: [], cookies: own('_ga') },
        },
      });
    }
    // A run that does not know them (its record could not keep them): nothing said of pages.
    const { pages: _unknown, ...withoutPages } = accepted;
    const earlier = keptRun(withoutPages, 5);
    expect(earlier.report).not.toHaveProperty('pages');
    // A kept run of an earlier version has no page on its cookies either.
    for (const cookie of earlier.report.cookies) delete (cookie as { firstPage?: string | null }).firstPage;
    const savedEarlier = runOfKeptRun(earlier);
    expect(savedEarlier).not.toHaveProperty('pages');
    expect(savedEarlier.cookies.map((c) => c.firstPage)).toEqual([null, null]);
    const pair = pairRuns(savedEarlier, runOfReport(refused, 6));
    expect(pair).toMatchObject({ kind: 'pair', comparison: { onlyAfterAccept: own('_ga') } });
    expect(pair.kind === 'pair' ? pair.comparison : null).not.toHaveProperty('pagesNotShared');
  });
});

describe('runOfReport', () => {
  it('keeps the choice, each cookie’s name, domain, category, status, phase, presence, provider, origin and embedding, and the findings count', () => {
    const full = report([reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', provider: 'Google', removed: 9 })], {
      consent: { state: 'accepted', changedAt: 4, trackers: { ga: true } },
      findings: [finding({ kind: 'undeclared', cookie: '_ga' }), finding({ kind: 'after-refusal', cookie: '_ga' })],
    });
    expect(runOfReport(full, 100)).toEqual({
      savedAt: 100,
      consent: { state: 'accepted', trackers: { ga: true } },
      cookies: [
        {
          name: '_ga',
          domain: '.tco.re',
          category: 'statistics',
          status: 'declared',
          firstPhase: 'before-choice',
          firstPage: '/',
          removed: 9,
          provider: 'Google',
          originUnknown: false,
          thirdParty: null,
        },
      ],
      findings: 2,
      againstRefusal: own('_ga'),
    });
  });
});

describe('pairRuns', () => {
  const chose = (state: 'accepted' | 'refused' | 'choice' | 'none', names: string[]) => ({
    consent: { state },
    cookies: names.map((name) => ({ name, firstPhase: 'after-choice' as const, originUnknown: false })),
    againstRefusal: state === 'refused' ? own(...names) : [],
  });

  it('finds which run accepted and which refused, in either order, and compares them', () => {
    const accepted = chose('accepted', ['_ga', 'sessionid']);
    const refused = chose('refused', ['sessionid']);
    for (const [first, second] of [
      [accepted, refused],
      [refused, accepted],
    ] as const) {
      expect(pairRuns(first, second)).toEqual({
        kind: 'pair',
        accept: accepted,
        refuse: refused,
        comparison: { onlyAfterAccept: own('_ga'), onlyAfterRefuse: [], trackersAfterRefuse: own('sessionid'), originUnknown: [] },
      });
    }
  });

  it('refuses to compare two runs that did not make opposite choices, saying what each did', () => {
    expect(pairRuns(chose('accepted', []), chose('accepted', []))).toEqual({ kind: 'not-comparable', states: ['accepted', 'accepted'] });
    expect(pairRuns(chose('choice', []), chose('refused', []))).toEqual({ kind: 'not-comparable', states: ['choice', 'refused'] });
    expect(pairRuns(chose('refused', []), chose('none', []))).toEqual({ kind: 'not-comparable', states: ['refused', 'none'] });
  });
});

describe('an expired cookie in a run', () => {
  it('stays expired in the run shown and in the run kept, so the panel does not count it present', () => {
    const expired = report([reportCookie({ name: '_gat', expired: true }), reportCookie({ name: '_ga' })]);
    const cookiesOf = (cookies: ReadonlyArray<{ name: string; expired?: true }>) => cookies.map(({ name, expired }) => ({ name, expired }));
    const expected = [
      { name: '_gat', expired: true },
      { name: '_ga', expired: undefined },
    ];
    expect(cookiesOf(runOfReport(expired, 1).cookies)).toEqual(expected);
    const kept = keptRun(expired, 1);
    expect(isKeptRun(JSON.parse(JSON.stringify(kept)))).toBe(true);
    expect(cookiesOf(runOfKeptRun(kept).cookies)).toEqual(expected);
    expect(runOfReport(expired, 1).cookies[1]).not.toHaveProperty('expired');
  });
});
