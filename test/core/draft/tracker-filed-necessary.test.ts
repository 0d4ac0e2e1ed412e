import { describe, expect, it } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { trackerFiledAsNecessary } from '../../../src/core/draft/tracker-filed-necessary.ts';

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
    expect(trackerFiledAsNecessary(necessary('_pk_', 'prefix'))).toBeNull();
  });
});
