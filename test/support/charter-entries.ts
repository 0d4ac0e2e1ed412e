import type { Category, CharterEntry } from '../../src/core/charter/types.ts';

/** A charter entry declaring `cookie` under `category`, its other fields plain: what the consent rules read is the name, the match and the category. */
export const declares = (cookie: string, category: Category, match: CharterEntry['match'] = 'exact'): CharterEntry => ({
  provider: 'Someone',
  service: null,
  cookie,
  match,
  purpose: 'Audience',
  duration: null,
  category,
});
