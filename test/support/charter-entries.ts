import type { Category, CharterEntry } from '../../src/core/charter/types.ts';
import type { MatchResult } from '../../src/core/registry/match.ts';

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

/** What matching gives a cookie the charter declares exactly under statistics, "13 mois" (the consent rules read its category and provider). */
export const declaredStatistics = (provider: string): MatchResult => ({
  source: 'charter',
  rule: 'exact',
  declared: true,
  provider,
  service: null,
  purpose: 'Audience',
  duration: '13 mois',
  knownLifetime: null,
  category: 'statistics',
  reference: null,
});
