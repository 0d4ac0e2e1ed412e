/** Hand-written charters for registry tests (the charter parser is developed separately). */
import type { CharterEntry, ParsedCharter } from '../../../src/core/charter/types.ts';

const entry = (overrides: Partial<CharterEntry> & Pick<CharterEntry, 'cookie'>): CharterEntry => ({
  provider: 'Opendatasoft',
  service: null,
  match: 'exact',
  purpose: `Purpose of ${overrides.cookie}`,
  duration: null,
  category: 'necessary',
  ...overrides,
});

/** A customer-domain portal whose charter declares functional cookies, Matomo and Google Analytics. */
export const METROPOLE_CHARTER: ParsedCharter = {
  portal: 'data.example-metropole.fr',
  language: 'en',
  entries: [
    entry({ cookie: 'sessionid', service: 'Authentication', purpose: 'Keeps you signed in between pages', duration: '2 weeks by default' }),
    entry({ cookie: 'csrftoken', service: 'API (CSRF)', purpose: 'Protects API calls' }),
    entry({ provider: 'Matomo', cookie: '_pk_', match: 'prefix', purpose: 'Any Matomo cookie', category: 'statistics' }),
    entry({
      provider: 'Matomo',
      cookie: '_pk_id.',
      match: 'prefix',
      purpose: 'Counts visits anonymously',
      duration: '13 mois',
      category: 'statistics',
    }),
    entry({ provider: 'Matomo', cookie: '_pk_id.9.special', purpose: 'One special Matomo cookie', category: 'statistics' }),
    entry({
      provider: 'Google',
      cookie: '_ga',
      purpose: 'Audience measurement as the portal words it',
      duration: '13 mois',
      category: 'statistics',
    }),
    // A duplicate declaration: the first one (document order) is the one reported.
    entry({ cookie: 'csrftoken', service: 'Duplicate row', purpose: 'Should never be reported' }),
  ],
};

/** A portal under the platform's own domain that also has a bundled charter. */
export const ITIE_CHARTER: ParsedCharter = {
  portal: 'itie.opendatasoft.com',
  language: 'fr',
  entries: [entry({ cookie: 'sessionid', service: 'Authentification (front et back office)', purpose: 'Bundled wording' })],
};

/** Bundled charters keyed by portal host, as the registry build receives them. */
export const BUNDLED_CHARTERS: Record<string, ParsedCharter> = {
  'data.example-metropole.fr': METROPOLE_CHARTER,
  'itie.opendatasoft.com': ITIE_CHARTER,
};
