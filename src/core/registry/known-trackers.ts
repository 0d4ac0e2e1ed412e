/**
 * Trackers and third parties an Opendatasoft / Huwise portal can switch on, and the trackers most
 * often added to pages by hand (a widget's or a tag manager's script: Hotjar, Microsoft Clarity,
 * HubSpot, the Meta Pixel, Microsoft Advertising's UET tag), written from each vendor's public
 * documentation (one source URL per entry). Matching consults this table after the site's own
 * charter and before the Open Cookie Database, because these are the cookies a portal is known to
 * set and the vendor's word beats a crowd-sourced row. The hand-added trackers write their cookies
 * on the site's own domain, where the database's rows for them do not apply: it records the
 * vendor's domain (`_clck` under clarity.ms, `__hstc` under hubspot.com, `_fbp` under
 * facebook.com, `_uetvid` under bing.com), and a row with a Domain only describes cookies there.
 *
 * Services that set no cookies, so have no entries:
 * - Mapbox basemaps: Mapbox GL JS keeps its telemetry ID in localStorage under keys prefixed
 *   `mapbox.eventData`, not in cookies (https://github.com/mapbox/mapbox-gl-js/blob/main/STORAGE.md);
 *   tile requests are authorised by an access token in the URL.
 * - Thunderforest basemaps: tiles are fetched with an API key in the URL; Thunderforest's privacy
 *   policy describes logging API requests and lists no cookies for them
 *   (https://www.thunderforest.com/privacy/). Their own website's analytics (Fathom) is cookieless.
 */
import type { Category } from '../charter/types.ts';
import {
  between,
  byDefault,
  DELETED_IMMEDIATELY,
  lasting,
  NOT_VERIFIED,
  notStatedBy,
  SESSION,
  type KnownLifetime,
} from './known-lifetime.ts';

/** One cookie (or family of cookies sharing a fixed prefix) a known third party sets. */
export type KnownTracker = {
  /** Stable identifier of this entry, unique in the table. */
  id: string;
  /** Company that sets the cookie ("Google", "Matomo", "AT Internet"). */
  provider: string;
  /** Product or feature that sets it ("Google Analytics 4", "Matomo JavaScript tracker"). */
  service: string;
  /** Cookie name, or the fixed prefix when `match` is 'prefix'. */
  cookie: string;
  /** 'prefix' when the documented name carries a variable part (`_ga_<container-id>`, `_pk_id.*`). */
  match: 'exact' | 'prefix';
  /** When set, only cookies on this domain or its subdomains match (for generic names such as `testCookie`). */
  domain: string | null;
  /** What the cookie is for, in English, after the vendor's documentation. */
  purpose: string;
  /**
   * The same in French, written for this table (not machine-translated): French pages show it, and
   * a French charter draft adds the cookie with it. The same facts as `purpose`, nothing more.
   */
  purposeFr: string;
  /** Lifetime as the vendor documents it (the report says it in English: lifetimeInEnglish). */
  lifetime: KnownLifetime;
  /** Charter section such a cookie belongs in. */
  category: Category;
  /** Vendor documentation the entry is written from. */
  sourceUrl: string;
  /**
   * The keys of the platform's `cookies_preferences` whose choice governs this cookie (`ga`,
   * `matomo`, `at`, `xiti`, `piano`, `eulerian`: see consent-trackers.ts); empty for a cookie
   * no switch of the platform's banner speaks for, or one that only stores the choice itself.
   */
  consentKeys: readonly string[];
  /**
   * For a cookie that only keeps the visitor's choice (`consentKeys` empty: `_pprv`, `atauthority`,
   * `mtm_consent_removed`), the keys of the vendor whose choice it keeps. Read only to explain
   * its absence (absence-reason.ts): a refusal of that vendor's switch may keep its tag from
   * running to write it. Never for consent findings: keeping a choice needs no consent.
   */
  choiceKeptFor?: readonly string[];
  /**
   * For a family (`match` 'prefix') whose cookies are another cookie of the table under a longer
   * name, that cookie: `_gat` for a named tracker's `_gat_<name>`. A charter entry naming it then
   * declares the family too; a family without it (GA4's `_ga_<ID>` beside `_ga`) stays apart.
   */
  renamedFrom?: string;
};

const GOOGLE_ANALYTICS_UNIVERSAL = 'https://developers.google.com/analytics/devguides/collection/gtagjs/cookie-usage';
const GOOGLE_ANALYTICS_4 = 'https://support.google.com/analytics/answer/11397207';
const MATOMO = 'https://matomo.org/faq/general/faq_146/';
// AT Internet's own archive of its SmartTag (AS2) documentation, "AT Internet cookies" page.
const AT_INTERNET_SMARTTAG = 'https://github.com/at-internet/smarttag-documentation-archive/wiki/AT-Internet-cookies';
// The same table on AT Internet's French developer pages ("Cookies AT Internet", smarttag.js).
const AT_INTERNET_SMARTTAG_FR =
  'https://developers.atinternet-solutions.com/as2-tagging-fr/javascript-fr/bien-commencer-javascript-fr/cookies-at-internet-javascript-fr/';
const PIANO_ANALYTICS = 'https://developers.atinternet-solutions.com/piano-analytics/data-collection/general/cookie-storage';
const EULERIAN = 'https://doc.eulerian.com/p/WijZuvqwsFKoQB/What-is-important-to-know-about-Eulerian-Cookies';
const DISQUS = 'https://help.disqus.com/customer/portal/articles/466235-use-of-cookies';
const GOOGLE_COOKIES = 'https://policies.google.com/technologies/cookies';
const HOTJAR = 'https://help.hotjar.com/hc/en-us/articles/6952777582999-Cookies-Set-by-the-Hotjar-Tracking-Code';
const MICROSOFT_CLARITY = 'https://learn.microsoft.com/en-us/clarity/setup-and-installation/cookie-list';
const HUBSPOT = 'https://knowledge.hubspot.com/privacy-and-consent/what-cookies-does-hubspot-set-in-a-visitor-s-browser';
const META_PIXEL = 'https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc/';
const MICROSOFT_UET = 'https://learn.microsoft.com/en-us/advertising/msa-help/hlp_ba_conc_uet_consent';
const AWS_APPLICATION_LOAD_BALANCER = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html';
const AWS_TARGET_GROUP_STICKINESS = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html';
const AWS_CLASSIC_LOAD_BALANCER = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-sticky-sessions.html';
const AZURE_APP_SERVICE_ARR =
  'https://azure.github.io/AppService/2016/05/16/Disable-Session-affinity-cookie-(ARR-cookie)-for-Azure-web-apps.html';
const AZURE_APPLICATION_GATEWAY =
  'https://learn.microsoft.com/en-us/azure/application-gateway/configuration-http-settings#cookie-based-affinity';
const AZURE_FRONT_DOOR = 'https://learn.microsoft.com/en-us/azure/frontdoor/routing-methods#session-affinity';

/**
 * What ends a family's stem in a tracker's cookie names (`_pk_id.1.a1b2`, `_gat_UA-123`), or
 * nothing: a charter may write the family's prefix itself, separator included (`_pk_id.`, `_ga_`).
 * A charter's exact name followed by one of these that the table lists as a prefix names that
 * family (registry.ts `indexCharter`, consent-trackers.ts `trackersOfEntry`).
 */
export const FAMILY_SEPARATORS = ['', '.', '_'] as const;

/**
 * A load balancer's affinity cookie: necessary (exempt from consent, see the entries), and no
 * switch of the platform's banner speaks for it.
 */
const loadBalancerCookie = (entry: Omit<KnownTracker, 'domain' | 'category' | 'consentKeys'>): KnownTracker => ({
  ...entry,
  domain: null,
  category: 'necessary',
  consentKeys: [],
});

/** The curated table. Order does not matter for matching (exact beats prefix, longest prefix wins). */
export const KNOWN_TRACKERS: readonly KnownTracker[] = [
  // Google Analytics. `_ga` is shared by Universal Analytics and GA4, so it has one entry.
  {
    id: 'google-analytics-ga',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics and GA4)',
    cookie: '_ga',
    match: 'exact',
    domain: null,
    purpose: 'Distinguishes users.',
    purposeFr: 'Distingue les utilisateurs.',
    lifetime: lasting(2, 'year'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_4,
    consentKeys: ['ga'],
  },
  {
    id: 'google-analytics-4-session',
    provider: 'Google',
    service: 'Google Analytics 4',
    cookie: '_ga_',
    match: 'prefix',
    domain: null,
    purpose: 'Persists session state (named _ga_<container-id>).',
    purposeFr: 'Conserve l’état de la session (nommé _ga_<identifiant-du-conteneur>).',
    lifetime: lasting(2, 'year'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_4,
    consentKeys: ['ga'],
  },
  {
    id: 'google-analytics-gid',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics)',
    cookie: '_gid',
    match: 'exact',
    domain: null,
    purpose: 'Distinguishes users.',
    purposeFr: 'Distingue les utilisateurs.',
    lifetime: lasting(24, 'hour'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
  },
  {
    id: 'google-analytics-gat',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics)',
    cookie: '_gat',
    match: 'exact',
    domain: null,
    purpose: 'Throttles the request rate.',
    purposeFr: 'Limite la fréquence des requêtes.',
    lifetime: lasting(1, 'minute'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
  },
  {
    // Named trackers write `_gat_<tracker name>`; gtag.js writes `_gat_gtag_<property id>`.
    id: 'google-analytics-gat-named',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics)',
    cookie: '_gat_',
    match: 'prefix',
    domain: null,
    purpose: 'Throttles the request rate (the _gat cookie of a named tracker).',
    purposeFr: 'Limite la fréquence des requêtes (le cookie _gat d’un outil de suivi nommé).',
    lifetime: lasting(1, 'minute'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
    renamedFrom: '_gat',
  },
  {
    id: 'google-analytics-dc-gtm',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics) via Google Tag Manager',
    cookie: '_dc_gtm_',
    match: 'prefix',
    domain: null,
    purpose: 'Throttles the request rate; the name _gat takes when Analytics is deployed through Tag Manager.',
    purposeFr: 'Limite la fréquence des requêtes\u202f; c’est le nom que prend _gat quand Analytics est déployé avec Tag Manager.',
    lifetime: lasting(1, 'minute'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
  },
  {
    id: 'google-analytics-amp-token',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics)',
    cookie: 'AMP_TOKEN',
    match: 'exact',
    domain: null,
    purpose: 'Holds a token to retrieve a Client ID from the AMP Client ID service, or an opt-out or error marker.',
    purposeFr:
      'Contient un jeton permettant d’obtenir un identifiant client auprès du service AMP Client ID, ou bien une valeur signalant un refus du suivi ou une erreur.',
    lifetime: between(30, 'second', 1, 'year'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
  },
  {
    id: 'google-analytics-gac',
    provider: 'Google',
    service: 'Google Analytics (Universal Analytics)',
    cookie: '_gac_',
    match: 'prefix',
    domain: null,
    purpose: 'Holds campaign information for the user; read by Google Ads conversion tags when the accounts are linked.',
    purposeFr:
      'Contient des informations de campagne propres à l’utilisateur\u202f; les balises de conversion Google Ads le lisent quand les comptes sont associés.',
    lifetime: lasting(90, 'day'),
    category: 'statistics',
    sourceUrl: GOOGLE_ANALYTICS_UNIVERSAL,
    consentKeys: ['ga'],
  },

  // Matomo JavaScript tracker: cookie names are suffixed `.<site id>.<domain hash>`.
  {
    id: 'matomo-pk-id',
    provider: 'Matomo',
    service: 'Matomo JavaScript tracker',
    cookie: '_pk_id.',
    match: 'prefix',
    domain: null,
    purpose: 'Stores a few details about the visitor, such as the unique visitor ID.',
    purposeFr: 'Enregistre quelques informations sur le visiteur, comme son identifiant unique.',
    lifetime: lasting(13, 'month'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-pk-ref',
    provider: 'Matomo',
    service: 'Matomo JavaScript tracker',
    cookie: '_pk_ref.',
    match: 'prefix',
    domain: null,
    purpose: 'Stores attribution information: the referrer first used to reach the site.',
    purposeFr:
      'Enregistre les informations d’attribution\u202f: le référent par lequel le visiteur est arrivé sur le site la première fois.',
    lifetime: lasting(6, 'month'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-pk-ses',
    provider: 'Matomo',
    service: 'Matomo JavaScript tracker',
    cookie: '_pk_ses.',
    match: 'prefix',
    domain: null,
    purpose: 'Short-lived cookie that temporarily stores data for the visit.',
    purposeFr: 'Cookie de courte durée qui conserve temporairement des données de la visite.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-pk-cvar',
    provider: 'Matomo',
    service: 'Matomo JavaScript tracker',
    cookie: '_pk_cvar.',
    match: 'prefix',
    domain: null,
    purpose: 'Short-lived cookie that temporarily stores custom variables for the visit.',
    purposeFr: 'Cookie de courte durée qui conserve temporairement les variables personnalisées de la visite.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-pk-hsr',
    provider: 'Matomo',
    service: 'Matomo Heatmap & Session Recording',
    cookie: '_pk_hsr.',
    match: 'prefix',
    domain: null,
    purpose: 'Short-lived cookie that temporarily stores data for the visit while heatmaps or session recordings run.',
    purposeFr:
      'Cookie de courte durée qui conserve temporairement des données de la visite pendant que des cartes de chaleur ou des enregistrements de session sont en cours.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-pk-testcookie',
    provider: 'Matomo',
    service: 'Matomo JavaScript tracker',
    cookie: '_pk_testcookie',
    match: 'prefix',
    domain: null,
    purpose: 'Checks whether the browser accepts cookies; deleted right after it is created.',
    purposeFr: 'Vérifie si le navigateur accepte les cookies\u202f; supprimé aussitôt après sa création.',
    lifetime: DELETED_IMMEDIATELY,
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-mtm-consent',
    provider: 'Matomo',
    service: 'Matomo consent',
    cookie: 'mtm_consent',
    match: 'exact',
    domain: null,
    purpose: 'Remembers that the visitor gave consent to tracking.',
    purposeFr: 'Mémorise que le visiteur a donné son consentement au suivi.',
    lifetime: lasting(30, 'year'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-mtm-consent-removed',
    provider: 'Matomo',
    service: 'Matomo consent',
    cookie: 'mtm_consent_removed',
    match: 'exact',
    domain: null,
    purpose: 'Remembers that the visitor withdrew consent to tracking.',
    purposeFr: 'Mémorise que le visiteur a retiré son consentement au suivi.',
    lifetime: lasting(30, 'year'),
    // Matomo writes it when the visitor opts out: it keeps the refusal, so it is no tracker
    // and must not be flagged as set after a refusal.
    category: 'necessary',
    sourceUrl: MATOMO,
    consentKeys: [],
    choiceKeptFor: ['matomo'],
  },
  {
    id: 'matomo-mtm-cookie-consent',
    provider: 'Matomo',
    service: 'Matomo consent',
    cookie: 'mtm_cookie_consent',
    match: 'exact',
    domain: null,
    purpose: 'Remembers that the visitor gave consent to tracking cookies.',
    purposeFr: 'Mémorise que le visiteur a donné son consentement aux cookies de suivi.',
    lifetime: lasting(30, 'year'),
    category: 'statistics',
    sourceUrl: MATOMO,
    consentKeys: ['matomo'],
  },
  {
    id: 'matomo-ignore',
    provider: 'Matomo',
    service: 'Matomo opt-out',
    cookie: 'matomo_ignore',
    match: 'exact',
    domain: null,
    purpose: 'Remembers that the visitor opted out of tracking with the opt-out feature; holds no visitor ID.',
    purposeFr: 'Mémorise que le visiteur a refusé le suivi avec la fonction de refus\u202f; ne contient aucun identifiant de visiteur.',
    // 30 years: Matomo's FAQ and the Open Cookie Database's row (Matomo, 30 years).
    lifetime: lasting(30, 'year'),
    // Written because the visitor opted out, as mtm_consent_removed: it keeps the refusal, never
    // "set after a refusal" (the Open Cookie Database files it under Analytics).
    category: 'necessary',
    sourceUrl: MATOMO,
    consentKeys: [],
  },
  {
    id: 'matomo-sessid',
    provider: 'Matomo',
    service: 'Matomo opt-out',
    cookie: 'MATOMO_SESSID',
    match: 'exact',
    domain: null,
    purpose: 'Temporary nonce set by the opt-out feature to prevent cross-site request forgery.',
    purposeFr:
      'Jeton temporaire à usage unique, déposé par la fonction de refus du suivi pour empêcher la falsification de requêtes intersites.',
    lifetime: SESSION,
    // Set when the visitor uses the opt-out form, holds no visitor data: not a tracker.
    category: 'necessary',
    sourceUrl: MATOMO,
    consentKeys: [],
  },

  // AT Internet SmartTag (smarttag.js, Analytics Suite 2). AT Internet's XiTi, SmartTag and its
  // successor Piano Analytics are one line of products: the platform's banner may name it `at`,
  // `xiti` or `piano`, so their cookies answer to all three keys (refused only when every one
  // the choice carries is false).
  {
    id: 'at-internet-atuserid',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atuserid',
    match: 'exact',
    domain: null,
    purpose: 'Visitor ID for sites that use client-side cookies.',
    purposeFr: 'Identifiant du visiteur, pour les sites qui utilisent des cookies côté client.',
    lifetime: byDefault(13, 'month', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-atidvisitor',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atidvisitor',
    match: 'exact',
    domain: null,
    purpose: 'Lists the site numbers the visitor has encountered and stores identified-visitor information.',
    purposeFr: 'Recense les numéros de sites rencontrés par le visiteur et enregistre les informations de visiteur identifié.',
    lifetime: byDefault(6, 'month', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    // Keeps the privacy mode, opt-out included, so no banner switch forbids it (consentKeys []).
    // Written when the visitor opts out: it keeps the refusal, so, like Matomo's
    // mtm_consent_removed, it is no tracker and must not be flagged as set after a refusal.
    id: 'at-internet-atauthority',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atauthority',
    match: 'exact',
    domain: null,
    purpose: "Keeps the visitor's privacy choice: remembers the privacy mode, opt-out included.",
    purposeFr: 'Conserve le choix du visiteur en matière de vie privée\u202f: mémorise le mode de confidentialité, refus du suivi compris.',
    lifetime: byDefault(13, 'month', 'modifiable'),
    category: 'necessary',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: [],
    choiceKeptFor: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-atreman',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atreman',
    match: 'exact',
    domain: null,
    purpose: 'Keeps a prior attribution campaign in memory.',
    purposeFr: 'Garde en mémoire une campagne antérieure, pour l’attribution.',
    lifetime: byDefault(30, 'day', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-atredir',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atredir',
    match: 'exact',
    domain: null,
    purpose: 'Keeps the information to transmit during a JavaScript redirect.',
    purposeFr: 'Conserve les informations à transmettre lors d’une redirection JavaScript.',
    lifetime: byDefault(30, 'second', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-atsession',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag',
    cookie: 'atsession',
    match: 'exact',
    domain: null,
    purpose: 'Lists the campaigns met during the visit so the same campaign is not measured twice.',
    purposeFr: 'Recense les campagnes rencontrées pendant la visite, pour ne pas mesurer deux fois la même.',
    lifetime: byDefault(30, 'minute', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    // The TV Tracking plugin's (SmartTag's "plugin to track audio and video spots"). AT Internet's
    // French table lists it after atauthority, lasting "par défaut 30 jours, configurable": its
    // atreman row's words, which the English table gives as "30 days by default, modifiable". The
    // rest of the row could not be read from the copy available while this was written, so the
    // purpose follows the name ("reman": rémanente, AT's "prior attribution" in atreman) and
    // stays general, in French as in English.
    id: 'at-internet-attvtreman',
    provider: 'AT Internet',
    service: 'AT Internet SmartTag (TV Tracking)',
    cookie: 'attvtreman',
    match: 'exact',
    domain: null,
    purpose: 'Keeps a prior attribution campaign of TV Tracking (a TV spot) in memory.',
    purposeFr: 'Garde en mémoire une campagne antérieure de TV Tracking (un spot télévisé), pour l’attribution.',
    lifetime: byDefault(30, 'day', 'modifiable'),
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG_FR,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  // XiTi's older xtcore.js tag. The same AT Internet cookies page lists these under xtcore.js;
  // that part could not be re-read while this table was written, so purposes (French and English)
  // stay general and lifetimes are marked unverified. xtan / xtant carry the site number as a suffix.
  {
    id: 'at-internet-xtvrn',
    provider: 'AT Internet',
    service: 'XiTi (xtcore.js)',
    cookie: 'xtvrn',
    match: 'exact',
    domain: null,
    purpose: 'Lists the site numbers the visitor has encountered (xtcore.js counterpart of atidvisitor).',
    purposeFr: 'Recense les numéros de sites rencontrés par le visiteur (l’équivalent d’atidvisitor pour xtcore.js).',
    lifetime: NOT_VERIFIED,
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-xtan',
    provider: 'AT Internet',
    service: 'XiTi (xtcore.js)',
    cookie: 'xtan',
    match: 'prefix',
    domain: null,
    purpose: 'Stores identified-visitor information for the site.',
    purposeFr: 'Enregistre les informations de visiteur identifié pour le site.',
    lifetime: NOT_VERIFIED,
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'at-internet-xtant',
    provider: 'AT Internet',
    service: 'XiTi (xtcore.js)',
    cookie: 'xtant',
    match: 'prefix',
    domain: null,
    purpose: 'Stores identified-visitor information for the site.',
    purposeFr: 'Enregistre les informations de visiteur identifié pour le site.',
    lifetime: NOT_VERIFIED,
    category: 'statistics',
    sourceUrl: AT_INTERNET_SMARTTAG,
    consentKeys: ['at', 'xiti', 'piano'],
  },

  // Piano Analytics JavaScript SDK (the successor of SmartTag). Its consent modes decide what it
  // stores: opt-in all; "essential" (the CNIL-exempt mode) `_pcid`, `_pctx` and `_pprv`; opt-out
  // `_pctx` and `_pprv` only. But a site that requires consent for Piano Analytics alone, as a
  // portal's banner switch does, has `_pcid` and `_pctx` forbidden too once the visitor opted out
  // (SDK 6.16.4, src/business/ext/data-layer/data-layer.js: `checkMode`, `getCookieProhibition`):
  // set after a refusal of their switch, both go against it. A portal measuring exempt after a
  // refusal (Piano's "hybrid" measure) is not modelled: no real portal seen doing so.
  {
    id: 'piano-analytics-pcid',
    provider: 'Piano',
    service: 'Piano Analytics',
    cookie: '_pcid',
    match: 'exact',
    domain: null,
    purpose: 'Visitor ID.',
    purposeFr: 'Identifiant du visiteur.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'piano-analytics-pctx',
    provider: 'Piano',
    service: 'Piano Analytics',
    cookie: '_pctx',
    match: 'exact',
    domain: null,
    purpose: 'Piano context storage shared between Piano SDKs.',
    purposeFr: 'Stockage du contexte Piano, partagé entre les SDK Piano.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    // Keeps the consent mode, opt-out included, so no banner switch forbids it (consentKeys []);
    // it keeps a refusal too, so it is no tracker (see atauthority).
    id: 'piano-analytics-pprv',
    provider: 'Piano',
    service: 'Piano Analytics',
    cookie: '_pprv',
    match: 'exact',
    domain: null,
    purpose: "Keeps the visitor's privacy choice: persists the consent mode, opt-out included.",
    purposeFr: 'Conserve le choix du visiteur en matière de vie privée\u202f: garde le mode de consentement, refus du suivi compris.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'necessary',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: [],
    choiceKeptFor: ['at', 'xiti', 'piano'],
  },
  {
    id: 'piano-analytics-pa-user',
    provider: 'Piano',
    service: 'Piano Analytics',
    cookie: 'pa_user',
    match: 'exact',
    domain: null,
    purpose: 'Stores user information added to events.',
    purposeFr: 'Enregistre les informations sur l’utilisateur ajoutées aux événements.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    id: 'piano-analytics-pa-vid',
    provider: 'Piano',
    service: 'Piano Analytics (SDK before 6.8.0)',
    cookie: 'pa_vid',
    match: 'exact',
    domain: null,
    purpose: 'Visitor ID.',
    purposeFr: 'Identifiant du visiteur.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    // Keeps the privacy mode, opt-out included, so no banner switch forbids it (consentKeys []);
    // it keeps a refusal too, so it is no tracker (see atauthority).
    id: 'piano-analytics-pa-privacy',
    provider: 'Piano',
    service: 'Piano Analytics (SDK before 6.8.0)',
    cookie: 'pa_privacy',
    match: 'exact',
    domain: null,
    purpose: "Keeps the visitor's privacy choice: persists the privacy mode, opt-out included.",
    purposeFr: 'Conserve le choix du visiteur en matière de vie privée\u202f: garde le mode de confidentialité, refus du suivi compris.',
    lifetime: byDefault(13, 'month', 'can be configured'),
    category: 'necessary',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: [],
    choiceKeptFor: ['at', 'xiti', 'piano'],
  },
  {
    // Under "Server Side Cookies": "idrxvr | 13 months | Legacy Server Side Visitor ID", HttpOnly.
    // The collection server writes it in answer to the tag's hits: no tag, no hit, no cookie, so
    // the tag's switch governs it.
    // Piano's help centre puts it on the collection domains: "a server-side cookie (idrxvr, atid or
    // atidx) on one of those 2 domain names: .xiti.com or .ati-host.net"
    // (https://support.piano.io/hc/en-us/articles/4468178673170-Concept-of-Visitors).
    id: 'piano-analytics-idrxvr',
    provider: 'Piano',
    service: 'Piano Analytics collection server (AT Internet)',
    cookie: 'idrxvr',
    match: 'exact',
    domain: null,
    purpose:
      "Legacy visitor ID written by the collection server, not the tag, on AT Internet's collection domains (xiti.com, ati-host.net).",
    purposeFr:
      'Ancien identifiant du visiteur, écrit par le serveur de collecte et non par le marqueur, sur les domaines de collecte d’AT Internet (xiti.com, ati-host.net).',
    lifetime: lasting(13, 'month'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  // idrxvr's two siblings in the same table, written the same way and governed alike. Short as
  // their names are, they match on every domain, as idrxvr does: neither the Open Cookie Database
  // (only `atidvisitor`, which an exact name leaves alone) nor this table gives `atid` or `atidx`
  // another owner; consent judgement (consent-trackers.ts) reads only entries without a domain;
  // and a site collecting on its own domain (AT Internet's custom domains data collection) gets its
  // server cookie there, not on xiti.com or ati-host.net: the "Server-side cookie management" page
  // (https://developers.atinternet-solutions.com/general-en/server-side-cookie-management/) returns
  // "your users' server cookie" from that domain as "atid".
  {
    // "atidx | 13 months | Server Side Visitor ID", Secure, no SameSite, HttpOnly (an earlier
    // version of the page: "Secured Server Side Visitor ID").
    id: 'piano-analytics-atidx',
    provider: 'Piano',
    service: 'Piano Analytics collection server (AT Internet)',
    cookie: 'atidx',
    match: 'exact',
    domain: null,
    purpose:
      "Visitor ID written by the collection server, not the tag, sent over HTTPS only, on AT Internet's collection domains (xiti.com, ati-host.net).",
    purposeFr:
      'Identifiant du visiteur écrit par le serveur de collecte et non par le marqueur, envoyé en HTTPS seulement, sur les domaines de collecte d’AT Internet (xiti.com, ati-host.net).',
    lifetime: lasting(13, 'month'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },
  {
    // "atid | 13 months | Main Server Side Visitor ID", Secure, SameSite=none, HttpOnly.
    id: 'piano-analytics-atid',
    provider: 'Piano',
    service: 'Piano Analytics collection server (AT Internet)',
    cookie: 'atid',
    match: 'exact',
    domain: null,
    purpose: "Main visitor ID written by the collection server, not the tag, on AT Internet's collection domains (xiti.com, ati-host.net).",
    purposeFr:
      'Identifiant principal du visiteur, écrit par le serveur de collecte et non par le marqueur, sur les domaines de collecte d’AT Internet (xiti.com, ati-host.net).',
    lifetime: lasting(13, 'month'),
    category: 'statistics',
    sourceUrl: PIANO_ANALYTICS,
    consentKeys: ['at', 'xiti', 'piano'],
  },

  // Eulerian Analytics. Its page states one identification cookie, kept 13 months, that ties an
  // anonymous identifier to the device; the cookie names in its table could not be read from
  // the copy available while this was written, so the name `etuix` (Eulerian's usual
  // first-party cookie) is NOT VERIFIED against the vendor's page.
  {
    id: 'eulerian-etuix',
    provider: 'Eulerian',
    service: 'Eulerian Analytics',
    cookie: 'etuix',
    match: 'exact',
    domain: null,
    purpose: "Anonymous identifier tied to the visitor's device, to recognise the visitor.",
    purposeFr: 'Identifiant anonyme lié à l’appareil du visiteur, pour le reconnaître.',
    lifetime: lasting(13, 'month'),
    category: 'statistics',
    sourceUrl: EULERIAN,
    consentKeys: ['eulerian'],
  },

  // Disqus comments: set on disqus.com domains, and `testCookie` is too generic to match elsewhere.
  // Disqus's page gives no lifetimes.
  {
    id: 'disqus-unique',
    provider: 'Disqus',
    service: 'Disqus comments',
    cookie: 'disqus_unique',
    match: 'exact',
    domain: 'disqus.com',
    purpose: "Disqus's internal statistics for anonymous visitors.",
    purposeFr: 'Statistiques internes de Disqus sur les visiteurs anonymes.',
    lifetime: notStatedBy('Disqus'),
    category: 'third-party',
    sourceUrl: DISQUS,
    consentKeys: [],
  },
  {
    id: 'disqus-test-cookie',
    provider: 'Disqus',
    service: 'Disqus comments',
    cookie: 'testCookie',
    match: 'exact',
    domain: 'disqus.com',
    purpose: 'Checks whether the browser accepts third-party cookies.',
    purposeFr: 'Vérifie si le navigateur accepte les cookies tiers.',
    lifetime: notStatedBy('Disqus'),
    category: 'third-party',
    sourceUrl: DISQUS,
    consentKeys: [],
  },
  {
    id: 'disqus-quantcast-qca',
    provider: 'Quantcast',
    service: 'Disqus comments (external cookie)',
    cookie: '__qca',
    match: 'exact',
    domain: 'disqus.com',
    purpose: 'Quantcast audience measurement cookie that Disqus lists among the external cookies of its embed.',
    purposeFr: 'Cookie de mesure d’audience de Quantcast, que Disqus cite parmi les cookies externes de son module intégré.',
    lifetime: notStatedBy('Disqus'),
    category: 'third-party',
    sourceUrl: DISQUS,
    consentKeys: [],
  },

  // reCAPTCHA in the portal's contact form. Google's cookie page files `_GRECAPTCHA` among its
  // security cookies, set for reCAPTCHA's risk analysis; the Open Cookie Database's row
  // (f6f65358-15e8-4dcc-9014-13ae87d0e880, Category "Functional") describes it as "a necessary
  // cookie … for the purpose of providing its risk analysis". A security cookie of the form, not
  // a tracker: necessary.
  {
    id: 'google-recaptcha',
    provider: 'Google',
    service: 'reCAPTCHA',
    cookie: '_GRECAPTCHA',
    match: 'exact',
    domain: null,
    purpose: 'Security: set by the reCAPTCHA service for its risk analysis, to tell humans from bots and protect forms against spam.',
    purposeFr:
      'Sécurité\u202f: déposé par le service reCAPTCHA pour son analyse des risques, afin de distinguer les humains des robots et de protéger les formulaires contre le spam.',
    lifetime: lasting(6, 'month'),
    category: 'necessary',
    sourceUrl: GOOGLE_COOKIES,
    consentKeys: [],
  },

  // Hotjar (behaviour analytics: heatmaps, recordings), no switch of the platform's banner. Its
  // page lists `_hjSessionUser_{site_id}` (365 days) and `_hjSession_{site_id}` (30 minutes) among
  // the cookies of its tracking code. The Open Cookie Database files the first "Functional"
  // (d5da1a8e-0ccd-4b3a-a19d-ec38807a5444), which left a Hotjar user ID kept after a full refusal
  // unflagged: the vendor's word, a user ID for analytics, is statistics.
  {
    id: 'hotjar-session-user',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjSessionUser_',
    match: 'prefix',
    domain: null,
    purpose:
      'Persists the Hotjar user ID, unique to the site, so later visits are attributed to the same user (its name ends with the site ID).',
    purposeFr:
      'Conserve l’identifiant d’utilisateur Hotjar, propre au site, pour attribuer les visites suivantes au même utilisateur (son nom se termine par l’identifiant du site).',
    lifetime: lasting(365, 'day'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-session',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjSession_',
    match: 'prefix',
    domain: null,
    purpose: 'Holds the current session, so requests within it are attributed to the same session (its name ends with the site ID).',
    purposeFr:
      'Contient la session en cours, pour que les requêtes faites pendant celle-ci soient attribuées à la même session (son nom se termine par l’identifiant du site).',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },

  // The same page's other cookies of the tracking code, set with those two as pages are viewed
  // (the session count, the sampling of sessions and page views, the Identify API's attributes,
  // the test of the widest domain cookies can be set on). The Open Cookie Database files them
  // "Functional" like `_hjSession_`, so they were judged "role unclear" beside it after a full
  // refusal; the page makes them part of the same analytics: statistics. Lifetimes as Hotjar
  // lists them (`_hjUserAttributesHash` 2 minutes, extended every 30 seconds). Left out: the
  // page's local and session storage items (`_hjLocalStorageTest`, `_hjSessionStorageTest`,
  // `_hjViewportId`, `_hjRecordingLastActivity`, `_hjRecordingEnabled`): no cookie to match, like
  // Mapbox's keys above; the cookies the database already files "Analytics", statistics with
  // Hotjar as provider (`_hjid` and `_hjCachedUserAttributes` of the older tracking code, the
  // survey and feedback widgets' `_hjClosedSurveyInvites`, `_hjDonePolls`, `_hjMinimizedPolls`,
  // `_hjShownFeedbackMessage`); and the session-state cookies `_hjSessionTooLarge`,
  // `_hjSessionRejected`, `_hjSessionResumed` and the test cookie `_hjCookieTest`, which the
  // charter parser's known names (charter/known.ts) do not list yet, as every name here must be.
  {
    id: 'hotjar-first-seen',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjFirstSeen',
    match: 'exact',
    domain: null,
    purpose: "Marks a new user's first session, so Hotjar can tell whether it sees this user for the first time.",
    purposeFr:
      'Signale la première session d’un nouvel utilisateur, pour que Hotjar sache s’il voit cet utilisateur pour la première fois.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-absolute-session-in-progress',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjAbsoluteSessionInProgress',
    match: 'exact',
    domain: null,
    purpose: "Detects a user's first page view session, so the session is counted once.",
    purposeFr: 'Détecte la première session de pages vues d’un utilisateur, pour que la session soit comptée une seule fois.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-included-in-session-sample',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    // Without the underscore: older tracking code wrote the name alone (the Open Cookie Database's row), newer code adds `_<site ID>`.
    cookie: '_hjIncludedInSessionSample',
    match: 'prefix',
    domain: null,
    purpose:
      "Tells Hotjar whether the visitor is included in the data sampling set by the site's daily session limit (newer tracking code ends its name with the site ID).",
    purposeFr:
      'Indique à Hotjar si le visiteur fait partie de l’échantillon de données défini par la limite quotidienne de sessions du site (le code de suivi récent termine son nom par l’identifiant du site).',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-included-in-pageview-sample',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjIncludedInPageviewSample',
    match: 'exact',
    domain: null,
    purpose: "Tells Hotjar whether the visitor is included in the data sampling set by the site's page view limit.",
    purposeFr: 'Indique à Hotjar si le visiteur fait partie de l’échantillon de données défini par la limite de pages vues du site.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-tld-test',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjTLDTest',
    match: 'exact',
    domain: null,
    purpose:
      'Finds the most generic domain the tracking code can set its cookies on, so they are shared across subdomains; removed after the check.',
    purposeFr:
      'Cherche le domaine le plus général sur lequel le code de suivi peut déposer ses cookies, pour les partager entre sous-domaines\u202f; supprimé après la vérification.',
    lifetime: SESSION,
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },
  {
    id: 'hotjar-user-attributes-hash',
    provider: 'Hotjar',
    service: 'Hotjar tracking code',
    cookie: '_hjUserAttributesHash',
    match: 'exact',
    domain: null,
    purpose: 'Tells when a user attribute sent through the Hotjar Identify API has changed and needs to be updated.',
    purposeFr: 'Indique quand un attribut d’utilisateur envoyé par l’API Identify de Hotjar a changé et doit être mis à jour.',
    lifetime: lasting(2, 'minute'),
    category: 'statistics',
    sourceUrl: HOTJAR,
    consentKeys: [],
  },

  // Microsoft Clarity (heatmaps, session recordings), no switch of the platform's banner. Its
  // cookie list files `_clck` and `_clsk` as first-party cookies of its setup script; CLID, MUID
  // and the others it names are set on Microsoft's domains. The page gives no lifetimes.
  {
    id: 'microsoft-clarity-clck',
    provider: 'Microsoft',
    service: 'Microsoft Clarity',
    cookie: '_clck',
    match: 'exact',
    domain: null,
    purpose:
      'Persists the Clarity user ID and preferences, unique to the site, so later visits to the same site are attributed to the same user ID.',
    purposeFr:
      'Conserve l’identifiant d’utilisateur Clarity et les préférences, propres au site, pour attribuer les visites suivantes sur ce même site au même identifiant d’utilisateur.',
    lifetime: notStatedBy('Microsoft'),
    category: 'statistics',
    sourceUrl: MICROSOFT_CLARITY,
    consentKeys: [],
  },
  {
    id: 'microsoft-clarity-clsk',
    provider: 'Microsoft',
    service: 'Microsoft Clarity',
    cookie: '_clsk',
    match: 'exact',
    domain: null,
    purpose: "Connects a user's page views into a single Clarity session recording.",
    purposeFr: 'Rassemble les pages vues par un utilisateur dans un seul enregistrement de session Clarity.',
    lifetime: notStatedBy('Microsoft'),
    category: 'statistics',
    sourceUrl: MICROSOFT_CLARITY,
    consentKeys: [],
  },

  // HubSpot's tracking code (its forms and chat bring it), no switch of the platform's banner. Its
  // page lists these among the cookies its consent banner asks for, not the necessary ones: they
  // track visitors and their sessions, statistics. Lifetimes as the page states them (the demo
  // portal's HubSpot form, scripts/demo-portal/census-portals.ts, cites the same page).
  {
    id: 'hubspot-hstc',
    provider: 'HubSpot',
    service: 'HubSpot tracking code',
    cookie: '__hstc',
    match: 'exact',
    domain: null,
    purpose:
      'The main cookie for tracking visitors: the domain, the visitor token (hubspotutk), the first, last and current visit times and the session number.',
    purposeFr:
      'Principal cookie de suivi des visiteurs\u202f: il contient le domaine, le jeton du visiteur (hubspotutk), l’heure de la première visite, celle de la dernière et celle de la visite en cours, et le numéro de session.',
    lifetime: lasting(6, 'month'),
    category: 'statistics',
    sourceUrl: HUBSPOT,
    consentKeys: [],
  },
  {
    id: 'hubspot-hubspotutk',
    provider: 'HubSpot',
    service: 'HubSpot tracking code',
    cookie: 'hubspotutk',
    match: 'exact',
    domain: null,
    purpose: "Keeps track of a visitor's identity; passed to HubSpot on form submission and used to deduplicate contacts.",
    purposeFr:
      'Garde la trace de l’identité du visiteur\u202f; il est transmis à HubSpot à l’envoi d’un formulaire et sert à dédoublonner les contacts.',
    lifetime: lasting(6, 'month'),
    category: 'statistics',
    sourceUrl: HUBSPOT,
    consentKeys: [],
  },
  {
    id: 'hubspot-hssc',
    provider: 'HubSpot',
    service: 'HubSpot tracking code',
    cookie: '__hssc',
    match: 'exact',
    domain: null,
    purpose: 'Keeps track of sessions: whether to increment the session number and timestamps in __hstc.',
    purposeFr:
      'Garde la trace des sessions\u202f: sert à déterminer s’il faut incrémenter le numéro de session et les horodatages de __hstc.',
    lifetime: lasting(30, 'minute'),
    category: 'statistics',
    sourceUrl: HUBSPOT,
    consentKeys: [],
  },
  {
    id: 'hubspot-hssrc',
    provider: 'HubSpot',
    service: 'HubSpot tracking code',
    cookie: '__hssrc',
    match: 'exact',
    domain: null,
    purpose: 'Set when HubSpot changes the session cookie, to tell whether the visitor has restarted the browser.',
    purposeFr: 'Déposé quand HubSpot modifie le cookie de session, pour savoir si le visiteur a redémarré son navigateur.',
    lifetime: SESSION,
    category: 'statistics',
    sourceUrl: HUBSPOT,
    consentKeys: [],
  },

  // Meta Pixel, when it uses first-party cookies: the browser ID and the ad click ID, saved on the
  // site's own domain for Meta's advertising. The page gives no lifetimes.
  {
    id: 'meta-pixel-fbp',
    provider: 'Meta',
    service: 'Meta Pixel',
    cookie: '_fbp',
    match: 'exact',
    domain: null,
    purpose: "Meta's browser ID, saved by the Meta Pixel on the site's domain, to attribute the visitor's actions to Meta ads.",
    purposeFr:
      'Identifiant de navigateur de Meta, enregistré par le pixel Meta sur le domaine du site, pour attribuer les actions du visiteur aux publicités Meta.',
    lifetime: notStatedBy('Meta'),
    category: 'third-party',
    sourceUrl: META_PIXEL,
    consentKeys: [],
  },
  {
    id: 'meta-pixel-fbc',
    provider: 'Meta',
    service: 'Meta Pixel',
    cookie: '_fbc',
    match: 'exact',
    domain: null,
    purpose:
      "The click ID (fbclid) of the Facebook or Instagram ad that brought the visitor, saved by the Meta Pixel on the site's domain.",
    purposeFr:
      'L’identifiant de clic (fbclid) de la publicité Facebook ou Instagram qui a amené le visiteur, enregistré par le pixel Meta sur le domaine du site.',
    lifetime: notStatedBy('Meta'),
    category: 'third-party',
    sourceUrl: META_PIXEL,
    consentKeys: [],
  },

  // Microsoft Advertising's UET tag (conversion tracking, remarketing). Microsoft's consent mode page
  // describes its first-party cookies, on the advertiser's domain, read and written only when ad
  // storage is granted, without naming them or giving lifetimes; the names are those the tag writes
  // (the Open Cookie Database lists both, under bing.com: rows 8a195ee3-9a8c-4442-9ee2-37a718864253
  // and 256ca150-d881-11e9-8a34-2a2ae2dbcce4).
  {
    id: 'microsoft-uet-uetvid',
    provider: 'Microsoft',
    service: 'Microsoft Advertising UET tag',
    cookie: '_uetvid',
    match: 'exact',
    domain: null,
    purpose: "Identifies the visitor across visits for Microsoft Advertising's conversion tracking and remarketing.",
    purposeFr:
      'Identifie le visiteur d’une visite à l’autre, pour le suivi des conversions et le reciblage publicitaire de Microsoft Advertising.',
    lifetime: notStatedBy('Microsoft'),
    category: 'third-party',
    sourceUrl: MICROSOFT_UET,
    consentKeys: [],
  },
  {
    id: 'microsoft-uet-uetsid',
    provider: 'Microsoft',
    service: 'Microsoft Advertising UET tag',
    cookie: '_uetsid',
    match: 'exact',
    domain: null,
    purpose: "Identifies the visit for Microsoft Advertising's conversion tracking and remarketing.",
    purposeFr: 'Identifie la visite, pour le suivi des conversions et le reciblage publicitaire de Microsoft Advertising.',
    lifetime: notStatedBy('Microsoft'),
    category: 'third-party',
    sourceUrl: MICROSOFT_UET,
    consentKeys: [],
  },

  // Load balancers' affinity cookies, which keep a visitor's requests on one server. The CNIL's
  // guidelines (délibération n° 2020-091 of 17 Sept 2020, art. 5) exempt from consent "les
  // traceurs permettant d'équilibrer la charge des équipements concourant à un service de
  // communication": necessary, no switch of the banner. The Open Cookie Database files each
  // "Functional" (`other`), which made a medium "set before the visitor chose" finding for every
  // one a portal's load balancer set at its first response. A charter should still list them: an
  // undeclared one stays a finding. Each is the balancer's own name or fixed prefix (row IDs
  // below): no other cookie of the database or of this table starts with a prefix here.
  // Amazon's Application Load Balancer: the cookie it generates lasts 7 days, whatever the
  // stickiness duration (rows 22352329-2eac-4e0c-b674-733e4483cd12, 9ae92467-906c-4876-b6a9-6426a034fb2b).
  loadBalancerCookie({
    id: 'aws-alb-awsalb',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Application Load Balancer)',
    cookie: 'AWSALB',
    match: 'exact',
    purpose: 'Load balancing: records which server the load balancer sends the visitor’s requests to, so that they stay on the same one.',
    purposeFr:
      'Répartition de charge\u202f: retient le serveur vers lequel l’équilibreur de charge envoie les requêtes du visiteur, pour qu’elles restent sur le même.',
    lifetime: lasting(7, 'day'),
    sourceUrl: AWS_APPLICATION_LOAD_BALANCER,
  }),
  loadBalancerCookie({
    id: 'aws-alb-awsalbcors',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Application Load Balancer)',
    cookie: 'AWSALBCORS',
    match: 'exact',
    purpose: 'Load balancing: the same as AWSALB, sent with SameSite=None so that cross-site (CORS) requests stay on the same server too.',
    purposeFr:
      'Répartition de charge\u202f: le même qu’AWSALB, envoyé avec SameSite=None pour que les requêtes intersites (CORS) restent elles aussi sur le même serveur.',
    lifetime: lasting(7, 'day'),
    sourceUrl: AWS_APPLICATION_LOAD_BALANCER,
  }),
  // Its application-based stickiness: the load balancer's own cookie then follows the application's
  // session cookie, and is named AWSALBAPP-<index> (AWSALB, AWSALBAPP and AWSALBTG are names the
  // load balancer reserves: the same page). Not in the Open Cookie Database: a prefix.
  loadBalancerCookie({
    id: 'aws-alb-awsalbapp',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Application Load Balancer)',
    cookie: 'AWSALBAPP',
    match: 'prefix',
    purpose: 'Load balancing: keeps the visitor’s requests on the same server for as long as the application’s own session cookie lasts.',
    purposeFr:
      'Répartition de charge\u202f: garde les requêtes du visiteur sur le même serveur tant que dure le cookie de session de l’application.',
    lifetime: notStatedBy('Amazon'),
    sourceUrl: AWS_APPLICATION_LOAD_BALANCER,
  }),
  // Its target group stickiness (a rule forwarding to several target groups): the page names the
  // cookies, the API sets the stickiness duration (1 second to 7 days), neither the cookie's own
  // lifetime (rows 27a0b41d-adff-4ee7-90a0-d5c5258a657e, 6531c756-a65f-43eb-bd03-8336b8f237f5).
  loadBalancerCookie({
    id: 'aws-alb-awsalbtg',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Application Load Balancer, target group stickiness)',
    cookie: 'AWSALBTG',
    match: 'exact',
    purpose:
      'Load balancing: records which group of servers the load balancer sends the visitor’s requests to, so that they stay with the same one.',
    purposeFr:
      'Répartition de charge\u202f: retient le groupe de serveurs vers lequel l’équilibreur de charge envoie les requêtes du visiteur, pour qu’elles y restent.',
    lifetime: notStatedBy('Amazon'),
    sourceUrl: AWS_TARGET_GROUP_STICKINESS,
  }),
  loadBalancerCookie({
    id: 'aws-alb-awsalbtgcors',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Application Load Balancer, target group stickiness)',
    cookie: 'AWSALBTGCORS',
    match: 'exact',
    purpose:
      'Load balancing: the same as AWSALBTG, sent with SameSite=None so that cross-site (CORS) requests stay with the same group of servers too.',
    purposeFr:
      'Répartition de charge\u202f: le même qu’AWSALBTG, envoyé avec SameSite=None pour que les requêtes intersites (CORS) restent elles aussi dans le même groupe de serveurs.',
    lifetime: notStatedBy('Amazon'),
    sourceUrl: AWS_TARGET_GROUP_STICKINESS,
  }),
  // The Classic Load Balancer's: a browser session unless the site's stickiness policy sets an
  // expiration period (the API's CookieExpirationPeriod, 0 by default) (rows
  // 95092dcc-a484-452b-afab-d7ed6a7c514d, d26e9be4-4f43-11eb-ae93-0242ac130002).
  loadBalancerCookie({
    id: 'aws-elb-awselb',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Classic Load Balancer)',
    cookie: 'AWSELB',
    match: 'exact',
    purpose: 'Load balancing: maps the visitor’s session to the server that answers it, so that their requests stay on the same one.',
    purposeFr:
      'Répartition de charge\u202f: associe la session du visiteur au serveur qui lui répond, pour que ses requêtes restent sur le même.',
    lifetime: SESSION,
    sourceUrl: AWS_CLASSIC_LOAD_BALANCER,
  }),
  loadBalancerCookie({
    id: 'aws-elb-awselbcors',
    provider: 'Amazon Web Services',
    service: 'Elastic Load Balancing (Classic Load Balancer)',
    cookie: 'AWSELBCORS',
    match: 'exact',
    purpose: 'Load balancing: the same as AWSELB, sent with SameSite=None so that cross-site (CORS) requests stay on the same server too.',
    purposeFr:
      'Répartition de charge\u202f: le même qu’AWSELB, envoyé avec SameSite=None pour que les requêtes intersites (CORS) restent elles aussi sur le même serveur.',
    lifetime: SESSION,
    sourceUrl: AWS_CLASSIC_LOAD_BALANCER,
  }),
  // Google Cloud's generated cookie affinity (row 4b44dca1-6588-4fa1-86e6-f51cd2f3c7b1). The
  // backend service's affinityCookieTtlSec sets its lifetime (0, the browser session, up to two
  // weeks); its default was not read on the page.
  loadBalancerCookie({
    id: 'google-cloud-gclb',
    provider: 'Google',
    service: 'Cloud Load Balancing (generated cookie affinity)',
    cookie: 'GCLB',
    match: 'exact',
    purpose: 'Load balancing: generated by the load balancer so that the visitor’s requests go to the same server.',
    purposeFr: 'Répartition de charge\u202f: créé par l’équilibreur de charge pour que les requêtes du visiteur aillent au même serveur.',
    lifetime: NOT_VERIFIED,
    sourceUrl: 'https://cloud.google.com/load-balancing/docs/backend-service#session_affinity',
  }),
  // Azure App Service's ARR affinity, on by default when an app runs on several instances; the
  // SameSite=None copy's name is the database's (rows 0a8ed6cf-bb76-4870-a055-c728bba2a375,
  // d26e571a-4f43-11eb-ae93-0242ac130002). Microsoft's page gives no lifetime.
  loadBalancerCookie({
    id: 'azure-app-service-arraffinity',
    provider: 'Microsoft',
    service: 'Azure App Service (ARR affinity)',
    cookie: 'ARRAffinity',
    match: 'exact',
    purpose: 'Load balancing: sends the visitor’s requests to the same instance of the application when it runs on several.',
    purposeFr:
      'Répartition de charge\u202f: envoie les requêtes du visiteur à la même instance de l’application quand elle tourne sur plusieurs.',
    lifetime: notStatedBy('Microsoft'),
    sourceUrl: AZURE_APP_SERVICE_ARR,
  }),
  loadBalancerCookie({
    id: 'azure-app-service-arraffinitysamesite',
    provider: 'Microsoft',
    service: 'Azure App Service (ARR affinity)',
    cookie: 'ARRAffinitySameSite',
    match: 'exact',
    purpose: 'Load balancing: the same as ARRAffinity, sent with SameSite=None so that cross-site requests reach the same instance too.',
    purposeFr:
      'Répartition de charge\u202f: le même qu’ARRAffinity, envoyé avec SameSite=None pour que les requêtes intersites atteignent elles aussi la même instance.',
    lifetime: notStatedBy('Microsoft'),
    sourceUrl: AZURE_APP_SERVICE_ARR,
  }),
  // Azure Application Gateway's cookie-based affinity: "Application Gateway uses cookie-based affinity
  // … the ApplicationGatewayAffinity cookie", and ApplicationGatewayAffinityCORS, with
  // SameSite=None, for cross-site requests (rows c049562e-e15a-44e8-81c4-baf64fe9ca8f,
  // 46ef85a0-166d-47f6-9769-2ab599e2cf90: a session cookie).
  loadBalancerCookie({
    id: 'azure-application-gateway-affinity',
    provider: 'Microsoft',
    service: 'Azure Application Gateway (cookie-based affinity)',
    cookie: 'ApplicationGatewayAffinity',
    match: 'exact',
    purpose: 'Load balancing: sends the visitor’s requests to the same server of the back-end pool.',
    purposeFr: 'Répartition de charge\u202f: envoie les requêtes du visiteur au même serveur du groupe principal.',
    lifetime: SESSION,
    sourceUrl: AZURE_APPLICATION_GATEWAY,
  }),
  loadBalancerCookie({
    id: 'azure-application-gateway-affinity-cors',
    provider: 'Microsoft',
    service: 'Azure Application Gateway (cookie-based affinity)',
    cookie: 'ApplicationGatewayAffinityCORS',
    match: 'exact',
    purpose:
      'Load balancing: the same as ApplicationGatewayAffinity, sent with SameSite=None so that cross-site requests reach the same server too.',
    purposeFr:
      'Répartition de charge\u202f: le même qu’ApplicationGatewayAffinity, envoyé avec SameSite=None pour que les requêtes intersites atteignent elles aussi le même serveur.',
    lifetime: SESSION,
    sourceUrl: AZURE_APPLICATION_GATEWAY,
  }),
  // Azure Front Door's session affinity: "The cookies are called ASLBSA and ASLBSACORS" (rows
  // 2cd84dc9-cd06-4d89-a006-14b911e538e5, 33dd473d-db07-49aa-99b5-592f360a35ba). No lifetime given.
  loadBalancerCookie({
    id: 'azure-front-door-aslbsa',
    provider: 'Microsoft',
    service: 'Azure Front Door (session affinity)',
    cookie: 'ASLBSA',
    match: 'exact',
    purpose: 'Load balancing: sends the visitor’s requests to the same origin server.',
    purposeFr: 'Répartition de charge\u202f: envoie les requêtes du visiteur au même serveur d’origine.',
    lifetime: notStatedBy('Microsoft'),
    sourceUrl: AZURE_FRONT_DOOR,
  }),
  loadBalancerCookie({
    id: 'azure-front-door-aslbsacors',
    provider: 'Microsoft',
    service: 'Azure Front Door (session affinity)',
    cookie: 'ASLBSACORS',
    match: 'exact',
    purpose: 'Load balancing: the same as ASLBSA, for cross-site (CORS) requests.',
    purposeFr: 'Répartition de charge\u202f: le même qu’ASLBSA, pour les requêtes intersites (CORS).',
    lifetime: notStatedBy('Microsoft'),
    sourceUrl: AZURE_FRONT_DOOR,
  }),
  // Cloudflare Load Balancing's session affinity (row d0a9b819-431c-4fb0-ae69-898ee704671f); its
  // API reference gives the cookie's default lifetime (session_affinity_ttl: 23 hours, 30 minutes to 7 days).
  loadBalancerCookie({
    id: 'cloudflare-cflb',
    provider: 'Cloudflare',
    service: 'Cloudflare Load Balancing (session affinity)',
    cookie: '__cflb',
    match: 'exact',
    purpose:
      'Load balancing: records which origin server Cloudflare forwards the visitor’s requests to, so that they stay on the same one.',
    purposeFr:
      'Répartition de charge\u202f: retient le serveur d’origine vers lequel Cloudflare transmet les requêtes du visiteur, pour qu’elles restent sur le même.',
    lifetime: byDefault(23, 'hour', 'can be configured'),
    sourceUrl: 'https://developers.cloudflare.com/load-balancing/understand-basics/session-affinity/',
  }),
  // The Kubernetes NGINX ingress controller's cookie affinity: INGRESSCOOKIE is the default name
  // (row 9dd47f52-fa0f-4ae6-b2b2-d4da098f5cf3); its lifetime is an annotation's, whose default was not read.
  loadBalancerCookie({
    id: 'ingress-nginx-ingresscookie',
    provider: 'Kubernetes',
    service: 'Ingress NGINX controller (cookie affinity)',
    cookie: 'INGRESSCOOKIE',
    match: 'exact',
    purpose: 'Load balancing: sends the visitor’s requests to the same server of the cluster.',
    purposeFr: 'Répartition de charge\u202f: envoie les requêtes du visiteur au même serveur de la grappe.',
    lifetime: NOT_VERIFIED,
    sourceUrl: 'https://kubernetes.github.io/ingress-nginx/examples/affinity/cookie/',
  }),
  // F5 BIG-IP's cookie persistence: `BIGipServer<pool name>`, a session cookie unless the
  // profile sets an expiration (row 498981df-6be6-490f-b292-33b26487725d, a prefix).
  loadBalancerCookie({
    id: 'f5-bigip-bigipserver',
    provider: 'F5',
    service: 'BIG-IP Local Traffic Manager (cookie persistence)',
    cookie: 'BIGipServer',
    match: 'prefix',
    purpose: 'Load balancing: encodes the server of the pool the visitor’s requests go to (named BIGipServer<pool name>).',
    purposeFr:
      'Répartition de charge\u202f: désigne le serveur du groupe vers lequel vont les requêtes du visiteur (nommé BIGipServer<nom-du-groupe>).',
    lifetime: SESSION,
    sourceUrl: 'https://my.f5.com/manage/s/article/K6917',
  }),
  // HAProxy: the name its manual's examples give the cookie it inserts (`cookie SERVERID insert
  // indirect nocache`), which most set-ups keep (row 1161de59-c56e-441f-b2d9-cf37bf43fd45).
  loadBalancerCookie({
    id: 'haproxy-serverid',
    provider: 'HAProxy',
    service: 'HAProxy (cookie-based persistence)',
    cookie: 'SERVERID',
    match: 'exact',
    purpose: 'Load balancing: names the server the visitor’s requests go to, so that they stay on the same one.',
    purposeFr:
      'Répartition de charge\u202f: désigne le serveur vers lequel vont les requêtes du visiteur, pour qu’elles restent sur le même.',
    lifetime: NOT_VERIFIED,
    sourceUrl: 'https://docs.haproxy.org/2.8/configuration.html#4.2-cookie',
  }),
  // Citrix NetScaler (ADC)'s HTTP cookie persistence: `NSC_<virtual server ID>`; the time-out is
  // 2 minutes by default (0 for a session cookie) (row b3dec9ca-606c-4a88-99b6-64d5bab9bdcf, a prefix).
  loadBalancerCookie({
    id: 'citrix-netscaler-nsc',
    provider: 'Citrix',
    service: 'NetScaler ADC (HTTP cookie persistence)',
    cookie: 'NSC_',
    match: 'prefix',
    purpose: 'Load balancing: encodes the server the visitor’s requests go to (named NSC_<virtual server ID>).',
    purposeFr:
      'Répartition de charge\u202f: désigne le serveur vers lequel vont les requêtes du visiteur (nommé NSC_<identifiant-du-serveur-virtuel>).',
    lifetime: byDefault(2, 'minute', 'can be configured'),
    sourceUrl:
      'https://docs.netscaler.com/en-us/citrix-adc/current-release/load-balancing/load-balancing-persistence/http-cookie-persistence.html',
  }),
  // Imperva (Incapsula)'s load-balancing cookie, `nlbi_<site ID>` (row
  // 1db82f57-9897-4e57-86cb-163dd2e6b0f2, a prefix: "Load balancing cookie. To ensure requests by a
  // client are sent to the same origin server."). Imperva's own page on its cookies could not be
  // read while this was written: the source is the page the row names, and the lifetime is unverified.
  loadBalancerCookie({
    id: 'imperva-nlbi',
    provider: 'Imperva',
    service: 'Imperva Cloud WAF (Incapsula) load balancing',
    cookie: 'nlbi_',
    match: 'prefix',
    purpose: 'Load balancing: sends the visitor’s requests to the same origin server (named nlbi_<site ID>).',
    purposeFr: 'Répartition de charge\u202f: envoie les requêtes du visiteur au même serveur d’origine (nommé nlbi_<identifiant-du-site>).',
    lifetime: NOT_VERIFIED,
    sourceUrl: 'https://www.imperva.com/legal/privacy-policy/',
  }),
];
