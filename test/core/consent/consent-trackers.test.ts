import { describe, expect, it } from 'vitest';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import { consentCategoryOf, consentKeysOf, judgeByName, trackersOfEntry } from '../../../src/core/consent/consent-trackers.ts';
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

describe('consentCategoryOf', () => {
  /** The table's trackers of any domain (those a site's own cookie can be), by id, with the category no charter may take from them. */
  const neverExempt = () =>
    Object.fromEntries(
      KNOWN_TRACKERS.filter((tracker) => tracker.domain === null).flatMap((tracker) => {
        const category = consentCategoryOf(tracker.match === 'prefix' ? `${tracker.cookie}X` : tracker.cookie);
        return category === null ? [] : [[tracker.id, category]];
      }),
    );

  it('names exactly the trackers no set-up exempts from consent: Google Analytics’s, and the hand-added session recorders, marketing tools and advertisers’', () => {
    expect(neverExempt()).toEqual({
      'google-analytics-ga': 'statistics',
      'google-analytics-4-session': 'statistics',
      'google-analytics-gid': 'statistics',
      'google-analytics-gat': 'statistics',
      'google-analytics-gat-named': 'statistics',
      'google-analytics-dc-gtm': 'statistics',
      'google-analytics-amp-token': 'statistics',
      'google-analytics-gac': 'statistics',
      'hotjar-session-user': 'statistics',
      'hotjar-session': 'statistics',
      'hotjar-first-seen': 'statistics',
      'hotjar-absolute-session-in-progress': 'statistics',
      'hotjar-included-in-session-sample': 'statistics',
      'hotjar-included-in-pageview-sample': 'statistics',
      'hotjar-tld-test': 'statistics',
      'hotjar-user-attributes-hash': 'statistics',
      'microsoft-clarity-clck': 'statistics',
      'microsoft-clarity-clsk': 'statistics',
      'hubspot-hstc': 'statistics',
      'hubspot-hubspotutk': 'statistics',
      'hubspot-hssc': 'statistics',
      'hubspot-hssrc': 'statistics',
      'meta-pixel-fbp': 'third-party',
      'meta-pixel-fbc': 'third-party',
      'microsoft-uet-uetvid': 'third-party',
      'microsoft-uet-uetsid': 'third-party',
    });
  });

  it('leaves a charter free to file as necessary the tools CNIL lets run exempt, every cookie the table files necessary, and any other cookie', () => {
    for (const tracker of KNOWN_TRACKERS) {
      const exemptable = /^(matomo|at-internet|piano-analytics|eulerian)-/.test(tracker.id) || tracker.category === 'necessary';
      if (exemptable) expect(consentCategoryOf(tracker.cookie), tracker.id).toBeNull();
    }
    for (const name of ['_GRECAPTCHA', 'mtm_consent_removed', 'atauthority', '_pprv', 'sessionid', 'csrftoken', 'django_language']) {
      expect(consentCategoryOf(name), name).toBeNull();
    }
    for (const name of ['cookies_preferences', '__cf_bm', 'AWSALB', 'JSESSIONID', 'disqus_unique', 'testCookie', '']) {
      expect(consentCategoryOf(name), name).toBeNull();
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
