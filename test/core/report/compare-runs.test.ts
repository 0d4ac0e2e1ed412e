import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/core/report/compare-runs.ts';
import { report, reportCookie } from '../../support/reports.ts';

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
    });
  });

  it('does not count a tracker removed after the refusal as present, but as seen', () => {
    const refused = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_ga', category: 'statistics', removed: 5 })]);
    const comparison = compareRuns(accepted, refused);
    expect(comparison.trackersAfterRefuse).toEqual([]);
    expect(comparison.onlyAfterAccept).toEqual(['_pk_id.1.a1b2', '_pk_ses.1.a1b2']);
  });

  it('takes any run that names its cookies, not only a whole report', () => {
    const saved = { cookies: [{ name: 'a', removed: null, category: 'necessary' as const }] };
    expect(compareRuns(saved, { cookies: [] })).toEqual({ onlyAfterAccept: ['a'], onlyAfterRefuse: [], trackersAfterRefuse: [] });
  });

  it('sorts by code unit, as everywhere in the project', () => {
    const run = (names: string[]) => ({ cookies: names.map((name) => ({ name, removed: null, category: 'other' as const })) });
    expect(compareRuns(run(['b', 'B', '_a', 'a']), run([])).onlyAfterAccept).toEqual(['B', '_a', 'a', 'b']);
  });
});
