import { describe, expect, it } from 'vitest';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import { consentKeysOf, judgeByName, trackersOfEntry } from '../../../src/core/consent/consent-trackers.ts';
import { TRACKER_NAMES } from '../../../src/core/consent/tracker-names.ts';

describe('consentKeysOf', () => {
  it.each([
    ['_ga', ['ga']],
    ['_ga_ABC123', ['ga']],
    ['_gid', ['ga']],
    ['_gat', ['ga']],
    ['_gat_UA-1-1', ['ga']],
    ['_pk_id.1.a1b2', ['matomo']],
    ['_pk_ses.1.a1b2', ['matomo']],
    ['mtm_consent', ['matomo']],
    ['atuserid', ['at', 'xiti', 'piano']],
    ['atidvisitor', ['at', 'xiti', 'piano']],
    ['attvtreman', ['at', 'xiti', 'piano']],
    ['idrxvr', ['at', 'xiti', 'piano']],
    ['atidx', ['at', 'xiti', 'piano']],
    ['atid', ['at', 'xiti', 'piano']],
    ['xtvrn', ['at', 'xiti', 'piano']],
    ['_pcid', ['at', 'xiti', 'piano']],
    ['_pctx', ['at', 'xiti', 'piano']],
    ['etuix', ['eulerian']],
  ])('maps %s to %j', (name, keys) => {
    expect(consentKeysOf(name)).toEqual(keys);
  });

  it.each([
    'sessionid',
    'csrftoken',
    'django_language',
    'cookies_preferences',
    '_hjSessionUser_1',
    'mtm_consent_removed',
    'matomo_ignore',
    'MATOMO_SESSID',
    '_pprv',
    'atauthority',
    'testCookie',
    '',
  ])('maps %j to no tracker (platform cookies, cookies that only keep the choice, others)', (name) => {
    expect(consentKeysOf(name)).toEqual([]);
  });
});

describe('the known-tracker table and the banner’s keys', () => {
  it('uses only the keys the platform is known to write', () => {
    const keys = new Set(KNOWN_TRACKERS.flatMap((tracker) => tracker.consentKeys));
    expect([...keys].sort()).toEqual(Object.keys(TRACKER_NAMES).sort());
  });

  it('gives every statistics cookie of a banner tool its key, and no third party one', () => {
    for (const tracker of KNOWN_TRACKERS) {
      if (tracker.category === 'third-party') expect(tracker.consentKeys, tracker.id).toEqual([]);
      if (/^(google-analytics|matomo-pk|at-internet-at(userid|idvisitor)|piano-analytics-pc)/.test(tracker.id))
        expect(tracker.consentKeys.length, tracker.id).toBeGreaterThan(0);
    }
  });
});

describe('trackersOfEntry', () => {
  const cookiesOf = (cookie: string, match: 'exact' | 'prefix') => trackersOfEntry({ cookie, match }).map((tracker) => tracker.cookie);

  it('reads an entry as the registry does: its tracker, the family of a stem or a prefix written without its wildcard, every tracker a prefix covers', () => {
    expect(cookiesOf('_ga', 'exact')).toEqual(['_ga']);
    expect(cookiesOf('_ga_ABC123', 'exact')).toEqual(['_ga_']);
    expect(cookiesOf('_pk_id', 'exact')).toEqual(['_pk_id.']);
    expect(cookiesOf('_pk_id.', 'exact')).toEqual(['_pk_id.']);
    expect(cookiesOf('_hjSessionUser', 'exact')).toEqual(['_hjSessionUser_']);
    expect(cookiesOf('_pk_id.', 'prefix')).toEqual(['_pk_id.']);
    expect(cookiesOf('_pk_id.1', 'prefix')).toEqual(['_pk_id.']);
    expect(new Set(cookiesOf('_pk_', 'prefix'))).toEqual(
      new Set(['_pk_id.', '_pk_ref.', '_pk_ses.', '_pk_cvar.', '_pk_hsr.', '_pk_testcookie']),
    );
    // No tracker, no family: nothing; a domain-bound tracker (Disqus's) is no banner's.
    expect(cookiesOf('sessionid', 'exact')).toEqual([]);
    expect(cookiesOf('_pk_idx', 'exact')).toEqual([]);
    expect(cookiesOf('disqus_unique', 'exact')).toEqual([]);
  });
});

describe('judgeByName', () => {
  it('looks the family up only when the choice has per-tracker flags', () => {
    expect(judgeByName({ state: 'choice', trackers: { ga: false, matomo: true } }, '_ga_X')).toEqual({
      phase: 'after-refuse',
      refused: ['ga'],
    });
    expect(judgeByName({ state: 'refused', trackers: {} }, '_ga_X')).toEqual({ phase: 'after-refuse', refused: [] });
    expect(judgeByName({ state: 'none', trackers: {} }, '_ga_X')).toEqual({ phase: 'before-choice', refused: [] });
  });
});
