/**
 * Names the parser anchors on when a row has no usable separator: providers that Opendatasoft /
 * Huwise charters list, and cookie names those providers set. Only layouts without tabs or pipes
 * depend on these lists; tab and pipe tables read any provider and any name.
 */
import { lazy } from '../lazy.ts';

/** Providers charters name, as they usually spell them; matched without regard to case. */
export const KNOWN_PROVIDERS: readonly string[] = [
  'Opendatasoft',
  'Huwise',
  'Google Analytics 4',
  'Google Analytics',
  'Google Tag Manager',
  'Google reCAPTCHA',
  'reCAPTCHA/Google',
  'reCAPTCHA / Google',
  'reCAPTCHA',
  'Google Maps',
  'Google',
  'Matomo',
  'Piwik PRO',
  'Piwik',
  'AT Internet / Xiti',
  'AT Internet (Xiti)',
  'AT Internet',
  'Xiti',
  'Piano Analytics',
  'Piano',
  'Eulerian Technologies',
  'Eulerian',
  'Disqus',
  'Mapbox',
  'Thunderforest',
  'OpenStreetMap',
  'Hotjar',
  'HubSpot',
  'YouTube',
  'Vimeo',
  'Twitter',
  'Facebook',
  'LinkedIn',
  'Cloudflare',
  'Microsoft Clarity',
  'Axeptio',
  'Didomi',
  'tarteaucitron',
];

/** Cookie names set by the platform and the trackers above; matched with case. */
export const KNOWN_COOKIE_NAMES: readonly string[] = [
  'sessionid',
  'csrftoken',
  'cookies_preferences',
  'django_language',
  '_ga',
  '_gid',
  '_gat',
  '_gac',
  '__utma',
  '__utmb',
  '__utmc',
  '__utmt',
  '__utmz',
  'AMP_TOKEN',
  '_GRECAPTCHA',
  'NID',
  '1P_JAR',
  'CONSENT',
  '_pk_id',
  '_pk_ses',
  '_pk_ref',
  '_pk_cvar',
  '_pk_hsr',
  '_pk_testcookie',
  'mtm_consent',
  'mtm_consent_removed',
  'matomo_ignore',
  'mtm_cookie_consent',
  'MATOMO_SESSID',
  'atuserid',
  'atidvisitor',
  'atidx',
  'atauthority',
  'atreman',
  'atredir',
  'xtvrn',
  'xtan',
  'xtant',
  'xtidc',
  'xtor',
  'xtdate',
  'xtvid',
  '_pcid',
  '_pctx',
  '_pprv',
  'pa_vid',
  'pa_user',
  'pa_privacy',
  'etuix',
  '_hjSessionUser',
  '_hjSession',
  '_hjid',
  '_hjFirstSeen',
  '_hjIncludedInSessionSample',
  '_hjIncludedInPageviewSample',
  '_hjAbsoluteSessionInProgress',
  '_hjTLDTest',
  '_hjLocalStorageTest',
  '_hjSessionStorageTest',
  '_hjRecordingEnabled',
  '_hjRecordingLastActivity',
  '_hjClosedSurveyInvites',
  '_hjDonePolls',
  '_hjMinimizedPolls',
  '_hjShownFeedbackMessage',
  '_hjCachedUserAttributes',
  '_hjViewportId',
  '_hjUserAttributesHash',
  '__hstc',
  '__hssc',
  '__hssrc',
  'hubspotutk',
  'messagesUtk',
  '__hs_opt_out',
  '__hs_do_not_track',
  '__hs_initial_opt_in',
  '__cf_bm',
  'cf_clearance',
  'disqus_unique',
  'disqusauth',
  'YSC',
  'VISITOR_INFO1_LIVE',
  // The known-tracker table's other names (test/core/charter/known.test.ts keeps the two in step),
  // but for `atid` and `testCookie`: words short or plain enough to be found inside a glued row's prose.
  'atsession',
  'attvtreman',
  'idrxvr',
  '_dc_gtm',
  '__qca',
  '_clck',
  '_clsk',
  '_fbp',
  '_fbc',
  '_uetvid',
  '_uetsid',
  // Load balancers' affinity cookies; NetScaler's family (`NSC_`) is kept out, as `atid` is: its stem `NSC` is found inside capitals.
  'AWSALB',
  'AWSALBCORS',
  'AWSALBTG',
  'AWSALBTGCORS',
  'AWSALBAPP',
  'AWSELB',
  'AWSELBCORS',
  'GCLB',
  'ARRAffinity',
  'ARRAffinitySameSite',
  'ApplicationGatewayAffinity',
  'ApplicationGatewayAffinityCORS',
  'ASLBSA',
  'ASLBSACORS',
  '__cflb',
  'INGRESSCOOKIE',
  'BIGipServer',
  'SERVERID',
  'nlbi',
];

/**
 * The known-tracker table's families, by the fixed prefix their cookies share (its `match`
 * 'prefix' entries; test/core/charter/known.test.ts keeps the two in step): what a placeholder
 * written straight after one stands for (`_ga_ID`, `xtanXXXXXX`: cells.ts).
 */
export const KNOWN_FAMILY_PREFIXES: readonly string[] = [
  '_ga_',
  '_gat_',
  '_dc_gtm_',
  '_gac_',
  '_pk_id.',
  '_pk_ref.',
  '_pk_ses.',
  '_pk_cvar.',
  '_pk_hsr.',
  '_pk_testcookie',
  'xtan',
  'xtant',
  '_hjSessionUser_',
  '_hjSession_',
  '_hjIncludedInSessionSample',
  'AWSALBAPP',
  'BIGipServer',
  'NSC_',
  'nlbi_',
];

const KNOWN_NAME_SET = new Set(KNOWN_COOKIE_NAMES);

/** Length of the longest known name: a longer token cannot be one. */
export const LONGEST_KNOWN_COOKIE_NAME = Math.max(...KNOWN_COOKIE_NAMES.map((name) => name.length));

/**
 * A trie of the known names by UTF-16 code unit, so finding which start at a position costs a
 * few steps, not one per name; keyed by number because it is walked at every position of a row.
 */
type TrieNode = { next: Map<number, TrieNode>; isName: boolean };
// Built on first use (see ../lazy.ts): only rows without separators need it.
const knownNameTrie = lazy(() => {
  const root: TrieNode = { next: new Map(), isName: false };
  for (const name of KNOWN_COOKIE_NAMES) {
    let node = root;
    for (let index = 0; index < name.length; index++) {
      const code = name.charCodeAt(index);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map(), isName: false };
        node.next.set(code, child);
      }
      node = child;
    }
    node.isName = true;
  }
  return root;
});

/** Lengths of the known names `text` has at `position` (with case), shortest first. */
export function knownCookieNameLengthsAt(text: string, position: number): number[] {
  const lengths: number[] = [];
  let node: TrieNode | undefined = knownNameTrie();
  for (let index = position; index < text.length; index++) {
    node = node.next.get(text.charCodeAt(index));
    if (!node) break;
    if (node.isName) lengths.push(index - position + 1);
  }
  return lengths;
}

/**
 * 1 for each UTF-16 code unit a known name starts with (all are ASCII): most positions of a row
 * are ruled out by one read, before the trie's first map lookup.
 */
const KNOWN_NAME_FIRST_CODES = new Uint8Array(0x80);
for (const name of KNOWN_COOKIE_NAMES) KNOWN_NAME_FIRST_CODES[name.charCodeAt(0)] = 1;

/** Length of the shortest known name `text` has at `position`, or 0: `knownCookieNameLengthsAt` without the array. */
export function shortestKnownCookieNameLengthAt(text: string, position: number): number {
  if (KNOWN_NAME_FIRST_CODES[text.charCodeAt(position)] !== 1) return 0;
  let node: TrieNode | undefined = knownNameTrie();
  for (let index = position; index < text.length; index++) {
    node = node.next.get(text.charCodeAt(index));
    if (!node) return 0;
    if (node.isName) return index - position + 1;
  }
  return 0;
}

/** Known names longest first, so `_pk_ses` is tried before a shorter name it starts with. */
export const KNOWN_COOKIE_NAMES_LONGEST_FIRST: readonly string[] = [...KNOWN_COOKIE_NAMES].sort(
  (left, right) => right.length - left.length,
);

/** Known providers longest first, so "Google Analytics" wins over "Google". */
export const KNOWN_PROVIDERS_LONGEST_FIRST: readonly string[] = [...KNOWN_PROVIDERS].sort((left, right) => right.length - left.length);

/** True when `name` is a cookie name from the list above, exactly as written. */
export function isKnownCookieName(name: string): boolean {
  return KNOWN_NAME_SET.has(name);
}

/** Known providers by the lower-case first letter, longest first, so most positions are ruled out in one lookup. */
const providersByFirstLetter = lazy(() => {
  const byLetter = new Map<string, string[]>();
  for (const provider of KNOWN_PROVIDERS_LONGEST_FIRST) {
    const first = provider[0]?.toLowerCase() ?? '';
    byLetter.set(first, [...(byLetter.get(first) ?? []), provider]);
  }
  return byLetter;
});

/** Lengths of every known provider name `text` starts with at `position` (any case), longest first. */
export function knownProviderLengthsAt(text: string, position: number): number[] {
  const lengths: number[] = [];
  for (const provider of providersByFirstLetter().get(text[position]?.toLowerCase() ?? '') ?? []) {
    const candidate = text.slice(position, position + provider.length);
    if (candidate.toLowerCase() === provider.toLowerCase()) lengths.push(provider.length);
  }
  return lengths;
}
