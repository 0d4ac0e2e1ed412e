/**
 * Cookies in which a consent manager the platform does not use keeps the visitor's choice. The
 * platform's banner keeps it in `cookies_preferences` (consent-choice.ts); a site whose own
 * cookies hold one of these has a banner of its own, whose choice the extension cannot read, so
 * its Django cookies (`csrftoken`, `sessionid`) do not make it a portal (site-charter.ts).
 *
 * Source: the bundled Open Cookie Database copy, data/open-cookie-database/open-cookie-database.csv
 * (jkwakman/Open-Cookie-Database, commit 0ee5a17, see SOURCE.md beside it), its rows of consent
 * managers whose description says they store the choice, by their `Platform`; a prefix where the
 * copy marks the row "Wildcard match" 1, or (Complianz) where every row it lists opens the same
 * way. One manager it does not list: tarteaucitron.js, whose cookie is named by its `cookieName`
 * parameter, `tarteaucitron` by default (AmauriC/tarteaucitron.js, tarteaucitron.js, `defaults`).
 * Names are matched with case, as the browser keeps them.
 */

/** Exact names, by the consent manager the database files them under. */
export const OTHER_CONSENT_MANAGER_NAMES: Readonly<Record<string, readonly string[]>> = {
  Axeptio: ['axeptio_cookies', 'axeptio_authorized_vendors', 'axeptio_all_vendors'],
  OneTrust: ['OptanonConsent', 'OptanonAlertBoxClosed'],
  Didomi: ['didomi_token'],
  // The IAB Transparency and Consent Framework's string, filed under Didomi and PrivacyPillar.
  'IAB TCF': ['euconsent-v2'],
  Cookiebot: ['CookieConsent'],
  CookieYes: ['cookieyes-consent', 'cky-consent', 'CookieLawInfoConsent'],
  Borlabs: ['borlabs-cookie'],
  'Cookie First': ['cookiefirst-consent'],
  Osano: ['osano_consentmanager', 'cookieconsent_status'],
  Civic: ['CookieControl'],
  // Commanders Act (formerly Tag Commander), filed as "Command Act" (the copy's lines 2185-2188, all
  // Functional): `TC_PRIVACY` and `TC_OUTPUT` "Used for user status storage (optin or optout) and
  // Privacy banner display", `TC_PRIVACY_CENTER` and `TC_OUTPUT_categories` "Used to display the
  // optin/optout categories in the Privacy Center if the user re-open it" (the choice by category).
  // Not its `TCIPD` and `TCID` (statistics of the banner's use) nor `TC_CHECK_COOKIES_SUPPORT`.
  'Command Act': ['TC_PRIVACY', 'TC_PRIVACY_CENTER', 'TC_OUTPUT', 'TC_OUTPUT_categories'],
  tarteaucitron: ['tarteaucitron'],
};

/** Prefixes: Complianz's thirteen rows all open with `cmplz_`; Iubenda's and consentmanager.net's rows are wildcards. */
export const OTHER_CONSENT_MANAGER_PREFIXES: readonly string[] = ['cmplz_', '_iub_cs-', '__cmpconsent'];

const EXACT: ReadonlySet<string> = new Set(Object.values(OTHER_CONSENT_MANAGER_NAMES).flat());

/** True for a cookie in which another consent manager than the platform's keeps the visitor's choice. */
export function isOtherConsentManagerRecord(name: string): boolean {
  return EXACT.has(name) || OTHER_CONSENT_MANAGER_PREFIXES.some((prefix) => name.startsWith(prefix));
}
