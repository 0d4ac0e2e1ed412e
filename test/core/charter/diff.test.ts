import { describe, expect, it } from 'vitest';
import { diffCharters, isUnchanged } from '../../../src/core/charter/diff.ts';
import type { CharterEntry } from '../../../src/core/charter/types.ts';

const entry = (cookie: string, overrides: Partial<CharterEntry> = {}): CharterEntry => ({
  provider: 'Opendatasoft',
  service: null,
  cookie,
  match: 'exact',
  purpose: `Purpose of ${cookie}`,
  duration: null,
  category: 'necessary',
  ...overrides,
});

describe('diffCharters', () => {
  it('lists entries added, removed and changed', () => {
    const before = [entry('sessionid'), entry('csrftoken'), entry('old')];
    const after = [
      entry('sessionid'),
      entry('csrftoken', { purpose: 'New words', duration: '1 an' }),
      entry('_pk_id.', { match: 'prefix' }),
    ];
    const changes = diffCharters(before, after);
    expect(changes.added.map((e) => e.cookie)).toEqual(['_pk_id.']);
    expect(changes.removed.map((e) => e.cookie)).toEqual(['old']);
    expect(changes.changed).toEqual([
      {
        cookie: 'csrftoken',
        fields: [
          { field: 'purpose', before: 'Purpose of csrftoken', after: 'New words' },
          { field: 'duration', before: null, after: '1 an' },
        ],
      },
    ]);
    expect(isUnchanged(changes)).toBe(false);
  });

  it('takes Huwise and Opendatasoft for one provider (the 2025 rebrand), and only those two', () => {
    const bundled = ['sessionid', 'csrftoken', 'cookies_preferences', 'django_language'].map((cookie) => entry(cookie));
    const live = bundled.map((old) => ({ ...old, provider: 'Huwise' }));
    expect(isUnchanged(diffCharters(bundled, live))).toBe(true);
    expect(isUnchanged(diffCharters(live, bundled))).toBe(true);
    expect(isUnchanged(diffCharters([entry('a', { provider: 'OpenDataSoft' })], [entry('a', { provider: 'HUWISE' })]))).toBe(true);
    expect(diffCharters([entry('a')], [entry('a', { provider: 'Matomo' })]).changed).toEqual([
      { cookie: 'a', fields: [{ field: 'provider', before: 'Opendatasoft', after: 'Matomo' }] },
    ]);
    // The rest of an entry is still compared.
    expect(diffCharters([entry('a')], [entry('a', { provider: 'Huwise', duration: '6 mois' })]).changed).toEqual([
      { cookie: 'a', fields: [{ field: 'duration', before: null, after: '6 mois' }] },
    ]);
  });

  it('tells a prefix from the exact name, and finds identical charters unchanged', () => {
    expect(diffCharters([entry('_ga')], [entry('_ga', { match: 'prefix' })]).added).toHaveLength(1);
    expect(isUnchanged(diffCharters([entry('a'), entry('a', { purpose: 'dup' })], [entry('a')]))).toBe(true);
  });
});
