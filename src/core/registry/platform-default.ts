/**
 * The charter a portal gets when none is bundled for it: the four functional cookies the
 * Opendatasoft / Huwise platform itself sets, worded exactly as the platform's French charter
 * template states them (the rows are identical in every bundled charter, bar one wording below).
 */
import type { CharterEntry, ParsedCharter } from '../charter/types.ts';

const functionalCookie = (cookie: string, service: string, purpose: string): CharterEntry => ({
  provider: 'Opendatasoft',
  service,
  cookie,
  match: 'exact',
  purpose,
  // The template's table has no duration column.
  duration: null,
  category: 'necessary',
});

/** Default charter for unbundled portals: the platform's functional cookies, in template order. */
export const PLATFORM_DEFAULT_CHARTER: ParsedCharter = {
  portal: null,
  language: 'fr',
  entries: [
    functionalCookie(
      'sessionid',
      'Authentification (front et back office)',
      "Se souvenir de l'utilisateur d'une page à une autre.",
    ),
    functionalCookie(
      'django_language',
      'Sélection de la langue (front et back office)',
      'Se souvenir de la langue du visiteur',
    ),
    functionalCookie('csrftoken', 'API (CSRF) (front et back office)', 'Récupérer des données via des appels API'),
    // Three of the five bundled charters say "Permet de se souvenir ...", two "Se souvenir ...";
    // the majority wording is kept.
    functionalCookie(
      'cookies_preferences',
      'Choix concernant vos préférences sur les cookies',
      'Permet de se souvenir du choix opéré par le visiteur concernant les cookies',
    ),
  ],
};

