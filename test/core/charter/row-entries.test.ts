import { describe, expect, it } from 'vitest';
import { entriesFromRow } from '../../../src/core/charter/row-entries.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';

/** A row's reading with its problems in English, as the charter CLI prints them. */
function entriesInEnglish(...args: Parameters<typeof entriesFromRow>) {
  const { entries, problems } = entriesFromRow(...args);
  return { entries, problems: problems.map(unreadReasonText) };
}

describe('entriesFromRow', () => {
  it('makes one entry per name, old template with a service and no duration', () => {
    expect(
      entriesInEnglish(
        { provider: ' Matomo ', service: 'Statistiques  (front)', cookie: '_pk_id.*, _pk_ses.*', purpose: 'Mesure  d’audience' },
        'statistics',
      ),
    ).toEqual({
      entries: [
        {
          provider: 'Matomo',
          service: 'Statistiques (front)',
          cookie: '_pk_id.',
          match: 'prefix',
          purpose: 'Mesure d’audience',
          duration: null,
          category: 'statistics',
        },
        {
          provider: 'Matomo',
          service: 'Statistiques (front)',
          cookie: '_pk_ses.',
          match: 'prefix',
          purpose: 'Mesure d’audience',
          duration: null,
          category: 'statistics',
        },
      ],
      problems: [],
    });
  });

  it('takes the category from the row’s category cell when it names one, else the section’s', () => {
    const category = (cell: string) =>
      entriesInEnglish({ provider: 'Google', cookie: '_GRECAPTCHA', category: cell, purpose: 'Anti-spam' }, 'other').entries[0]?.category;
    expect(category('Nécessaire')).toBe('necessary');
    expect(category('Mesure d’audience')).toBe('statistics');
    expect(category('Persistent')).toBe('other');
  });

  it('new template: service null, duration as written', () => {
    expect(
      entriesInEnglish(
        { provider: 'Huwise', cookie: 'sessionid', duration: '2 weeks by default', purpose: 'Keeps you signed in' },
        'necessary',
      ),
    ).toEqual({
      entries: [
        {
          provider: 'Huwise',
          service: null,
          cookie: 'sessionid',
          match: 'exact',
          purpose: 'Keeps you signed in',
          duration: '2 weeks by default',
          category: 'necessary',
        },
      ],
      problems: [],
    });
  });

  it('makes an empty service or duration cell null', () => {
    const [entry] = entriesInEnglish(
      { provider: 'Huwise', service: ' ', cookie: 'csrftoken', duration: '', purpose: 'CSRF' },
      'other',
    ).entries;
    expect([entry?.service, entry?.duration]).toEqual([null, null]);
  });

  it('skips a row without provider, purpose or cookie name, saying why', () => {
    expect(entriesInEnglish({ provider: '', cookie: '_ga', purpose: 'Stats' }, 'other')).toEqual({
      entries: [],
      problems: ['empty provider cell'],
    });
    expect(entriesInEnglish({ provider: 'Google', cookie: '_ga', purpose: '  ' }, 'other')).toEqual({
      entries: [],
      problems: ['empty purpose cell'],
    });
    expect(entriesInEnglish({ provider: 'Google', cookie: '', purpose: 'Stats' }, 'other')).toEqual({
      entries: [],
      problems: ['empty cookie name cell'],
    });
  });

  it('says which field a one-field-per-line record lacks', () => {
    expect(entriesInEnglish({ cookie: '_ga' }, 'other')).toEqual({ entries: [], problems: ['no provider field', 'no purpose field'] });
    expect(entriesInEnglish({ provider: 'Google', purpose: 'Stats' }, 'other')).toEqual({
      entries: [],
      problems: ['no cookie name field'],
    });
  });
});
