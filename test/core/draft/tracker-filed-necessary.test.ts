import { describe, expect, it } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { trackerFiledAsNecessary, trackerNamed } from '../../../src/core/draft/tracker-filed-necessary.ts';

const necessary = (cookie: string, match: CharterEntry['match'] = 'exact') => ({ cookie, match, category: 'necessary' as const });

describe('trackerFiledAsNecessary', () => {
  it('finds a statistics or third-party tracker of the known-tracker table that a charter files as necessary', () => {
    expect(trackerFiledAsNecessary(necessary('_ga'))).toMatchObject({ provider: 'Google', category: 'statistics' });
    expect(trackerFiledAsNecessary(necessary('_pk_id.', 'prefix'))).toMatchObject({ provider: 'Matomo', category: 'statistics' });
    expect(trackerFiledAsNecessary(necessary('_ga_ABC123'))).toMatchObject({ cookie: '_ga_', match: 'prefix' });
    // A stem, as the registry reads it: `_pk_id` names the family `_pk_id.<site>.<hash>`.
    expect(trackerFiledAsNecessary(necessary('_pk_id'))).toMatchObject({ cookie: '_pk_id.' });
  });

  it('says nothing of a tracker filed elsewhere, of one the table calls necessary, of the platform’s cookies, nor of what the table does not know', () => {
    expect(trackerFiledAsNecessary({ cookie: '_ga', match: 'exact', category: 'statistics' })).toBeNull();
    expect(trackerFiledAsNecessary(necessary('_GRECAPTCHA'))).toBeNull();
    expect(trackerFiledAsNecessary(necessary('sessionid'))).toBeNull();
    // The Open Cookie Database knows it; the table does not: not sure enough.
    expect(trackerFiledAsNecessary(necessary('_hjid'))).toBeNull();
    // The table's entry for this name is Disqus's only on disqus.com; a charter entry names no domain.
    expect(trackerFiledAsNecessary(necessary('testCookie'))).toBeNull();
  });

  it('finds a tracker a prefix entry covers: one whose name or family starts with a vendor’s stem', () => {
    // Broader than a family, as the registry reads them (consent-trackers.ts trackersOfEntry): each tracker under it.
    expect(trackerFiledAsNecessary(necessary('_pk_', 'prefix'))).toMatchObject({ provider: 'Matomo', cookie: '_pk_id.' });
    expect(trackerFiledAsNecessary(necessary('_pk', 'prefix'))).toMatchObject({ provider: 'Matomo' });
    expect(trackerFiledAsNecessary(necessary('_hj', 'prefix'))).toMatchObject({ provider: 'Hotjar', cookie: '_hjSessionUser_' });
    expect(trackerFiledAsNecessary(necessary('mtm_', 'prefix'))).toMatchObject({ provider: 'Matomo', cookie: 'mtm_consent' });
  });

  it('does not mark a necessary prefix that covers only the platform’s cookies or ones the table calls necessary', () => {
    for (const prefix of ['cookies_', 'csrf', 'session', 'django_', 'AWSALB', 'mtm_consent_r', 'MATOMO_', 'pa_priv']) {
      expect(trackerFiledAsNecessary(necessary(prefix, 'prefix')), prefix).toBeNull();
    }
  });

  it('does not read a prefix too short to name a vendor as meaning a tracker, unless one was seen under it', () => {
    // `_` covers Google's, Matomo's, Hotjar's… cookies, `_g` and `a` one vendor's but begin too many other names.
    for (const prefix of ['_', '_g', 'a', 'x', '_p']) expect(trackerFiledAsNecessary(necessary(prefix, 'prefix')), prefix).toBeNull();
    const seen = trackerNamed('_hjSessionUser_1234');
    expect(seen).toMatchObject({ provider: 'Hotjar', category: 'statistics' });
    expect(trackerFiledAsNecessary(necessary('_', 'prefix'), seen)).toBe(seen);
    // A tracker seen says nothing of an entry filed elsewhere.
    expect(trackerFiledAsNecessary({ cookie: '_', match: 'prefix', category: 'statistics' }, seen)).toBeNull();
  });

  it('names the tracker needing consent a cookie is, and no other', () => {
    expect(trackerNamed('_pk_id.1.a1b2')).toMatchObject({ provider: 'Matomo', cookie: '_pk_id.' });
    expect(trackerNamed('sessionid')).toBeNull();
    expect(trackerNamed('mtm_consent_removed')).toBeNull();
    expect(trackerNamed('testCookie')).toBeNull();
  });
});
