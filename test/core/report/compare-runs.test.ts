import { describe, expect, it } from 'vitest';
import { compareRuns, keptRun, pairRuns, runOfReport } from '../../../src/core/report/compare-runs.ts';
import { finding, report, reportCookie } from '../../support/reports.ts';

describe('compareRuns', () => {
  const accepted = report([
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics' }),
    reportCookie({ name: '_pk_id.1.a1b2', category: 'statistics' }),
    reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re' }),
  ]);

  it('lists the cookies only one run saw, sorted, and the non-necessary ones left after refusing', () => {
    const refused = report([
      reportCookie({ name: 'sessionid' }),
      reportCookie({ name: '_hjSessionUser_1234', category: 'other', status: 'undeclared' }),
      reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re' }),
    ]);
    expect(compareRuns(accepted, refused)).toEqual({
      onlyAfterAccept: ['_pk_id.1.a1b2', '_pk_ses.1.a1b2'],
      onlyAfterRefuse: ['_hjSessionUser_1234'],
      trackersAfterRefuse: ['_ga', '_hjSessionUser_1234'],
      originUnknown: [],
    });
  });

  it('names a cookie once, whatever the domains it was on', () => {
    const refused = report([
      reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re' }),
      reportCookie({ name: '_ga', category: 'statistics', domain: '.data.tco.re', hostOnly: false }),
      reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics', domain: 'data.tco.re' }),
      reportCookie({ name: '_pk_ses.1.a1b2', category: 'statistics', domain: '.data.tco.re', hostOnly: false }),
    ]);
    const comparison = compareRuns(refused, refused);
    expect(comparison.trackersAfterRefuse).toEqual(['_ga', '_pk_ses.1.a1b2']);
    expect(compareRuns(refused, report([])).onlyAfterAccept).toEqual(['_ga', '_pk_ses.1.a1b2']);
    expect(compareRuns(report([]), refused).onlyAfterRefuse).toEqual(['_ga', '_pk_ses.1.a1b2']);
  });

  it('judges no cookie of unknown origin, and lists those apart', () => {
    const shared = (name: string) =>
      reportCookie({ name, category: 'statistics', domain: '.tco.re', hostOnly: false, originUnknown: true });
    const refused = report([
      reportCookie({ name: 'sessionid' }),
      // `_ga` of unknown origin beside the site's own `_ga`: the site's own is judged, once.
      reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re' }),
      shared('_ga'),
      // Only of unknown origin: another open site may have set them.
      shared('_pk_id.1.a1b2'),
      shared('_hjSessionUser_1234'),
    ]);
    expect(compareRuns(accepted, refused)).toEqual({
      onlyAfterAccept: ['_pk_ses.1.a1b2'],
      onlyAfterRefuse: [],
      trackersAfterRefuse: ['_ga'],
      originUnknown: ['_hjSessionUser_1234', '_pk_id.1.a1b2'],
    });
  });

  it('does not count a tracker removed after the refusal as present, but as seen', () => {
    const refused = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_ga', category: 'statistics', removed: 5 })]);
    const comparison = compareRuns(accepted, refused);
    expect(comparison.trackersAfterRefuse).toEqual([]);
    expect(comparison.onlyAfterAccept).toEqual(['_pk_id.1.a1b2', '_pk_ses.1.a1b2']);
  });

  it('takes any run that names its cookies, not only a whole report', () => {
    const saved = { cookies: [{ name: 'a', removed: null, category: 'necessary' as const, originUnknown: false }] };
    expect(compareRuns(saved, { cookies: [] })).toEqual({
      onlyAfterAccept: ['a'],
      onlyAfterRefuse: [],
      trackersAfterRefuse: [],
      originUnknown: [],
    });
  });

  it('with the pages each run loaded, says which only one loaded and which cookies only one saw first appeared there', () => {
    const run = (pages: string[], cookies: Array<[string, string]>) => ({
      pages,
      cookies: cookies.map(([name, firstPage]) => ({
        name,
        firstPage,
        removed: null,
        category: 'statistics' as const,
        originUnknown: false,
      })),
    });
    const accept = run(
      ['/', '/map/'],
      [
        ['sessionid', '/'],
        ['_pk_id.1', '/'],
        ['tiles', '/map/'],
      ],
    );
    const refuse = run(
      ['/', '/api/'],
      [
        ['sessionid', '/'],
        ['console', '/api/'],
      ],
    );
    expect(compareRuns(accept, refuse)).toMatchObject({
      onlyAfterAccept: ['_pk_id.1', 'tiles'],
      onlyAfterRefuse: ['console'],
      pagesNotShared: { onlyAccept: ['/map/'], onlyRefuse: ['/api/'], cookies: ['console', 'tiles'] },
    });
    // The same pages, in any order, or pages not known: nothing to say.
    expect(compareRuns(accept, { ...accept, pages: ['/map/', '/'] })).not.toHaveProperty('pagesNotShared');
    expect(compareRuns(accept, { cookies: refuse.cookies })).not.toHaveProperty('pagesNotShared');
  });

  it('sorts by code unit, as everywhere in the project', () => {
    const run = (names: string[]) => ({
      cookies: names.map((name) => ({ name, removed: null, category: 'other' as const, originUnknown: false })),
    });
    expect(compareRuns(run(['b', 'B', '_a', 'a']), run([])).onlyAfterAccept).toEqual(['B', '_a', 'a', 'b']);
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
});

describe('runOfReport', () => {
  it('keeps the choice, each cookie’s name, domain, category, status, phase, presence, provider and origin, and the findings count', () => {
    const full = report([reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', provider: 'Google', removed: 9 })], {
      consent: { state: 'accepted', changedAt: 4, trackers: { ga: true } },
      findings: [finding({ kind: 'undeclared', cookie: '_ga' })],
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
          removed: 9,
          provider: 'Google',
          originUnknown: false,
        },
      ],
      findings: 1,
    });
  });
});

describe('pairRuns', () => {
  const run = (state: 'accepted' | 'refused' | 'choice' | 'none', names: string[]) => ({
    consent: { state },
    cookies: names.map((name) => ({ name, removed: null, category: 'statistics' as const, originUnknown: false })),
  });

  it('finds which run accepted and which refused, in either order, and compares them', () => {
    const accepted = run('accepted', ['_ga', 'sessionid']);
    const refused = run('refused', ['sessionid']);
    for (const [first, second] of [
      [accepted, refused],
      [refused, accepted],
    ] as const) {
      expect(pairRuns(first, second)).toEqual({
        kind: 'pair',
        accept: accepted,
        refuse: refused,
        comparison: { onlyAfterAccept: ['_ga'], onlyAfterRefuse: [], trackersAfterRefuse: ['sessionid'], originUnknown: [] },
      });
    }
  });

  it('refuses to compare two runs that did not make opposite choices, saying what each did', () => {
    expect(pairRuns(run('accepted', []), run('accepted', []))).toEqual({ kind: 'not-comparable', states: ['accepted', 'accepted'] });
    expect(pairRuns(run('choice', []), run('refused', []))).toEqual({ kind: 'not-comparable', states: ['choice', 'refused'] });
    expect(pairRuns(run('refused', []), run('none', []))).toEqual({ kind: 'not-comparable', states: ['refused', 'none'] });
  });
});
