/**
 * The charter a portal gets when none is bundled for it and its own cannot be read: the four
 * functional cookies the platform itself sets, as the platform's current published default
 * states them. Source: Huwise's cookie policy, https://legal.huwise.com/en/cookies.html ("Last
 * update: 2025-09-29"), read on 2026-11-30 through a stored copy of the page (the English one:
 * no French version could be found). It is the new template (supplier, cookie name, duration,
 * function; no service column), all four under "Strictly necessary cookies". Durations are the
 * policy's own; functions are close paraphrases of its words. The same facts are listed in the
 * team's notes on the platform (shared guides, charter formats). With durations in the default,
 * lifetimes are checked on every unbundled portal too.
 */
import type { CharterEntry, ParsedCharter } from '../charter/types.ts';

const necessary = (cookie: string, duration: string, purpose: string): CharterEntry => ({
  provider: 'Huwise',
  service: null,
  cookie,
  match: 'exact',
  purpose,
  duration,
  category: 'necessary',
});

/** Default charter for unbundled portals: the platform's functional cookies, in the policy's order. */
export const PLATFORM_DEFAULT_CHARTER: ParsedCharter = {
  portal: null,
  language: 'en',
  entries: [
    necessary('sessionid', '2 weeks by default', "Authentication: checks the user's identity on each request."),
    necessary(
      'csrftoken',
      'Token reset at random between two requests or two sessions. Up to 12 months',
      'Security: guards against cross-site request forgery (CSRF) with a unique token per request or session.',
    ),
    necessary('cookies_preferences', '6 months', "Cookie preferences: keeps the user's choices about the use of cookies."),
    necessary(
      'django_language',
      '12 months',
      'Language: remembers the language the user chose for browsing. Set only when the portal is available in several languages.',
    ),
  ],
};
