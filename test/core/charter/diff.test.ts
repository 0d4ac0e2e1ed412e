import { describe, expect, it } from 'vitest';
import { comparedEntries, diffCharters, isUnchanged } from '../../../src/core/charter/diff.ts';
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

describe('diffCharters across languages', () => {
  /** The live charter's durations read as the report reads them: a test's stand-in, by the numbers they state. */
  const sameDuration = (before: string | null, after: string | null) =>
    (before ?? '').replace(/\D/g, '') === (after ?? '').replace(/\D/g, '');
  const fr = (cookie: string, overrides: Partial<CharterEntry> = {}) =>
    entry(cookie, { service: `Service de ${cookie}`, purpose: `Finalité de ${cookie}`, duration: '13 mois', ...overrides });
  const en = (cookie: string, overrides: Partial<CharterEntry> = {}) =>
    entry(cookie, { service: `Service of ${cookie}`, purpose: `Purpose of ${cookie}`, duration: '13 months', ...overrides });
  const across = { from: 'fr', to: 'en', sameDuration } as const;

  it('never calls a translation a change: services and purposes are not compared, and it says the languages', () => {
    const changes = diffCharters([fr('sessionid'), fr('csrftoken')], [en('sessionid'), en('csrftoken')], across);
    expect(changes).toEqual({ added: [], removed: [], changed: [], translated: { from: 'fr', to: 'en' } });
    expect(isUnchanged(changes)).toBe(true);
  });

  it('still compares what does not translate: names, a provider named as such, the lifetime stated, the category', () => {
    const changes = diffCharters(
      [fr('sessionid'), fr('csrftoken'), fr('_ga', { provider: 'Google' }), fr('old')],
      [
        en('sessionid', { duration: '25 months' }),
        en('csrftoken', { category: 'statistics' }),
        en('_ga', { provider: 'Matomo' }),
        en('_pk_id.', { match: 'prefix' }),
      ],
      across,
    );
    expect(changes.added.map((e) => e.cookie)).toEqual(['_pk_id.']);
    expect(changes.removed.map((e) => e.cookie)).toEqual(['old']);
    expect(changes.changed).toEqual([
      { cookie: 'sessionid', fields: [{ field: 'duration', before: '13 mois', after: '25 months' }] },
      { cookie: 'csrftoken', fields: [{ field: 'category', before: 'necessary', after: 'statistics' }] },
      { cookie: '_ga', fields: [{ field: 'provider', before: 'Google', after: 'Matomo' }] },
    ]);
    expect(changes.translated).toEqual({ from: 'fr', to: 'en' });
  });

  it('takes a provider written in words of the language for a translation, not a change', () => {
    const changes = diffCharters(
      [fr('a', { provider: 'Ville de Toulouse' }), fr('b', { provider: 'le site' })],
      [en('a', { provider: 'City of Toulouse' }), en('b', { provider: 'this website' })],
      across,
    );
    expect(changes.changed).toEqual([]);
  });

  it('compares every field, and says no language, for charters in one language or of a language not known', () => {
    const same = diffCharters([fr('a')], [fr('a', { purpose: 'Autre finalité' })]);
    expect(same.changed).toEqual([{ cookie: 'a', fields: [{ field: 'purpose', before: 'Finalité de a', after: 'Autre finalité' }] }]);
    expect(same).not.toHaveProperty('translated');
  });
});

describe('comparedEntries', () => {
  it("pairs each name's first entry of both versions, in the newer one's order: the entries whose language decides a translation", () => {
    const before = [entry('a', { purpose: 'first a' }), entry('b'), entry('a', { purpose: 'second a' }), entry('gone')];
    const after = [entry('new'), entry('b', { purpose: 'b now' }), entry('a', { purpose: 'a now' }), entry('a', { purpose: 'later a' })];
    expect(comparedEntries(before, after).map(([old, next]) => [old.purpose, next.purpose])).toEqual([
      ['Purpose of b', 'b now'],
      ['first a', 'a now'],
    ]);
  });
});
