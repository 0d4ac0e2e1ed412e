import { describe, expect, it } from 'vitest';
import { filterRows, groupByCategory, rowForFinding, rowsOf } from '../../src/views/cookie-rows.ts';
import { finding, report, reportCookie } from '../support/reports.ts';

const sample = report(
  [
    reportCookie({ name: '_ga', category: 'statistics', provider: 'Google', status: 'undeclared' }),
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: 'old', removed: 5 }),
  ],
  {
    notSeen: [
      {
        provider: 'Matomo',
        service: null,
        cookie: '_pk_id.',
        match: 'prefix',
        purpose: 'Visits',
        duration: '13 mois',
        category: 'statistics',
      },
    ],
  },
);

describe('rows', () => {
  it('lists seen cookies and unseen entries, by category', () => {
    expect(rowsOf(sample).map((r) => `${r.category} ${r.name} ${r.status}`)).toEqual([
      'necessary sessionid declared',
      'necessary old declared',
      'statistics _ga undeclared',
      'statistics _pk_id.* not-seen',
    ]);
  });

  it('filters on name, provider, service and purpose, case-insensitively', () => {
    const rows = rowsOf(sample);
    expect(filterRows(rows, 'GOOGLE', 'en').map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(rows, 'visits matomo', 'en').map((r) => r.name)).toEqual(['_pk_id.*']);
    expect(filterRows(rows, '  ', 'en')).toHaveLength(4);
  });

  it('finds a known tracker by its purpose in the words the page shows: French on a French page', () => {
    const tracked = rowsOf(
      report([
        reportCookie({
          name: '_ga',
          source: 'known-tracker',
          purpose: 'Distinguishes users.',
          purposeFr: 'Distingue les utilisateurs.',
        }),
        reportCookie({ name: 'sessionid' }),
      ]),
    );
    expect(filterRows(tracked, 'distingue', 'fr-FR').map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(tracked, 'distinguishes', 'fr-FR')).toEqual([]);
    // The same rows on an English page: its words, not the French it does not show.
    expect(filterRows(tracked, 'distinguishes', 'en').map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(tracked, 'distingue', 'en')).toEqual([]);
  });

  it('groups consecutive rows', () => {
    expect(groupByCategory(rowsOf(sample)).map((g) => [g.category, g.rows.length])).toEqual([
      ['necessary', 2],
      ['statistics', 2],
    ]);
  });

  it('finds the row of a finding', () => {
    const rows = rowsOf(sample);
    expect(rowForFinding(rows, finding({ kind: 'undeclared', cookie: '_ga', evidence: '' }))?.name).toBe('_ga');
    expect(rowForFinding(rows, finding({ kind: 'not-seen', cookie: '_pk_id.*', evidence: '' }))?.status).toBe('not-seen');
  });
});
