/**
 * The visitor's consent choice, read from the platform's `cookies_preferences` cookie.
 *
 * The platform writes it as URI-encoded JSON, one flat object: `functional_cookies` (always
 * true: functional cookies cannot be refused), one boolean per tracker family it runs (`ga`,
 * `matomo`, `xiti`, `at`, `piano`, `eulerian` are known; others may come) and `timestamp`, the
 * moment of the choice in ms since the epoch, e.g. `{"functional_cookies":true,"ga":false,
 * "matomo":true,"timestamp":1764460800000}` encoded. Source: the vendor's own public starter kit
 * reads it exactly so (github.com/ods-labs/starterkit-huwise, src/utils/cookieUtils.ts:
 * `decodeURIComponent` then `JSON.parse` into `{ functional_cookies?, ga?, matomo?, xiti?, at?,
 * piano?, eulerian?, timestamp? }`, each a boolean but `timestamp`, a number).
 *
 * That shape is decoded first and exactly, tracker by tracker. Anything else falls back to the
 * older guesses (a bare word, key-value lists, base64), which fail soft: a value we cannot read
 * means "a choice was recorded" (`choice`), never an error. The value is read in memory here and
 * dropped; only the decoded choice is kept.
 */

/** Name of the platform cookie that holds the visitor's choice. */
export const CONSENT_COOKIE = 'cookies_preferences';

/**
 * What the visitor chose, as far as we can tell: every tracker accepted, every one refused, or
 * a choice that is neither (a mixed one, see the per-tracker flags, or one we cannot read).
 */
export type ConsentState = 'none' | 'accepted' | 'refused' | 'choice';

/** Per tracker family, the platform's key (`ga`, `matomo`, …) and whether the visitor accepted it. */
export type TrackerChoices = Record<string, boolean>;

/** A decoded `cookies_preferences` value. */
export type DecodedConsent = {
  /** The overall choice. */
  state: ConsentState;
  /** The per-tracker flags, as the platform wrote them; empty when the value is not in its shape. */
  trackers: TrackerChoices;
  /** The cookie's `timestamp` when it is plausible (ms since the epoch); null otherwise. */
  chosenAt: number | null;
};

/** A site's consent as recorded: the choice, when it was made, and its per-tracker flags. */
export type SiteConsent = {
  /** The overall choice. */
  state: ConsentState;
  /** When the choice was made (the cookie's own timestamp when plausible, else when we saw it); null before any. */
  changedAt: number | null;
  /** Per-tracker flags of the choice; empty when none could be read. */
  trackers: TrackerChoices;
};

/**
 * The phase a cookie event happens in, as it applies to that cookie: after a mixed choice a
 * cookie of a refused tracker is 'after-refuse' and one of an accepted tracker 'after-accept'
 * (see `phaseFor`). 'unknown' is for a cookie found already there by a scan (set while nobody
 * watched: before or after a choice, maybe one that has since lapsed).
 */
export type Phase = 'before-choice' | 'after-accept' | 'after-refuse' | 'after-choice' | 'unknown';

/** The phase that follows a consent state, for a cookie no tracker flag speaks for. */
export function phaseOf(state: ConsentState): Phase {
  switch (state) {
    case 'none':
      return 'before-choice';
    case 'accepted':
      return 'after-accept';
    case 'refused':
      return 'after-refuse';
    case 'choice':
      return 'after-choice';
  }
}

/** How the visitor's choice applies to one cookie. */
export type CookieJudgement = {
  /** The phase of an event of this cookie now. */
  phase: Phase;
  /** The tracker keys whose refusal this cookie goes against (empty unless `phase` is 'after-refuse' by a flag). */
  refused: string[];
  /**
   * The choice's flags, every one off, when none of them speaks for this cookie ('after-choice'
   * after a refusal given as flags): a statistics cookie then goes against them (findings.ts).
   */
  allOff?: string[];
};

/**
 * How the choice applies to a cookie whose tracker family the platform names by `consentKeys`
 * (`['ga']` for `_ga`; none for a cookie of no known tracker). When the choice carries a flag
 * for one of them, that flag decides: all of its flags false is 'after-refuse', any true
 * 'after-accept' (a cookie two tools may write is refused only when both are). Otherwise the
 * overall state decides, so after a mixed choice such a cookie is 'after-choice', judged by nobody.
 *
 * A refusal written as per-tracker flags refuses those trackers and nothing else: the banner has a
 * switch per statistics tool, none for the optional third parties (Disqus, reCAPTCHA, basemaps)
 * or a widget it does not know, so a cookie of no flagged family is 'after-choice' after it, not
 * 'after-refuse' (that would say the visitor refused it). Only a refusal read without flags
 * (another shape, see `decodeConsent`) speaks for every cookie.
 */
export function judgeCookie(consent: Pick<SiteConsent, 'state' | 'trackers'>, consentKeys: readonly string[]): CookieJudgement {
  if (consent.state === 'none') return { phase: 'before-choice', refused: [] };
  const flagged = consentKeys.filter((key) => Object.hasOwn(consent.trackers, key));
  if (flagged.length > 0) {
    return flagged.some((key) => consent.trackers[key] === true)
      ? { phase: 'after-accept', refused: [] }
      : { phase: 'after-refuse', refused: flagged };
  }
  if (consent.state === 'refused' && hasFlags(consent.trackers))
    return { phase: 'after-choice', refused: [], allOff: Object.keys(consent.trackers) };
  return { phase: phaseOf(consent.state), refused: [] };
}

/** True when a choice carries at least one per-tracker flag. */
function hasFlags(trackers: TrackerChoices): boolean {
  for (const _key in trackers) return true;
  return false;
}

/** Longest value read: a browser keeps at most 4096 bytes of name and value. */
const MAX_VALUE_LENGTH = 4096;
/** Most tracker flags kept from one value (the platform knows six). */
const MAX_TRACKERS = 32;
/** A tracker key as the platform writes them; anything else (`__proto__`, markup, long text) is not one. */
const TRACKER_KEY = /^[a-z][a-z0-9_-]{0,39}$/i;
/** Keys of the platform's shape that are not tracker flags. */
const FUNCTIONAL_KEY = 'functional_cookies';
const TIMESTAMP_KEY = 'timestamp';
/**
 * A choice's timestamp is believed when it is at most 400 days old (no browser keeps a cookie
 * longer; the platform keeps the choice six months) and at most a day ahead (clock skew).
 */
const MAX_CHOICE_AGE_MS = 400 * 24 * 3600 * 1000;
const MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000;

/** The timestamp, when it can be the moment of a choice seen at `now`. */
function plausibleTimestamp(value: unknown, now: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return value >= now - MAX_CHOICE_AGE_MS && value <= now + MAX_CLOCK_SKEW_MS ? Math.round(value) : null;
}

/** The overall state of per-tracker flags. */
function stateOfTrackers(trackers: TrackerChoices): ConsentState {
  const flags = Object.values(trackers);
  if (flags.length === 0) return 'choice';
  if (flags.every(Boolean)) return 'accepted';
  if (flags.every((flag) => !flag)) return 'refused';
  return 'choice';
}

/**
 * Reads the platform's shape: a flat JSON object whose tracker flags are booleans. Returns null
 * when the text is not such an object, or holds neither a tracker flag nor one of the
 * platform's own keys (so `{"statistics":{…}}` is left to the fallbacks).
 */
function platformShape(text: string, now: number): DecodedConsent | null {
  if (!text.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const flags: Array<[string, boolean]> = [];
  let platformKeys = 0;
  let chosenAt: number | null = null;
  // Whether any flag, read or past the cap, is true, and any false: the state is every flag's.
  let anyTrue = false;
  let anyFalse = false;
  for (const [key, value] of Object.entries(parsed)) {
    if (key === FUNCTIONAL_KEY) {
      // Always true on the platform; a false would not make functional cookies refused.
      if (typeof value === 'boolean') platformKeys++;
    } else if (key === TIMESTAMP_KEY) {
      if (typeof value === 'number') platformKeys++;
      chosenAt = plausibleTimestamp(value, now);
    } else if (typeof value === 'boolean' && TRACKER_KEY.test(key)) {
      if (flags.length < MAX_TRACKERS) flags.push([key, value]);
      if (value) anyTrue = true;
      else anyFalse = true;
    }
  }
  if (flags.length === 0 && platformKeys === 0) return null;
  // fromEntries defines own properties: a key named like a prototype member stays plain data.
  const trackers = Object.fromEntries(flags);
  // A flag past the cap, not kept, may say otherwise than those kept: it counts in the state.
  return { state: anyTrue && anyFalse ? 'choice' : stateOfTrackers(trackers), trackers, chosenAt };
}

const YES = new Set(['true', '1', 'yes', 'on', 'accept', 'accepted', 'allow', 'allowed', 'granted', 'all', 'oui']);
const NO = new Set(['false', '0', 'no', 'off', 'refuse', 'refused', 'deny', 'denied', 'reject', 'rejected', 'none', 'non']);
/** A service not answered yet (tarteaucitron's `wait`): neither yes nor no, so the whole is no refusal or acceptance. */
const NOT_YET = new Set(['wait', 'pending', 'undecided']);
/** One answer of the soft fallback: yes, no, or not given yet. */
type Answer = boolean | 'not yet';

/**
 * Words of a key that name bookkeeping, not a choice: a 1 or 0 under `version`, `v`, `id`,
 * `created_at` or `consentCount` is a number, never a yes or no (`{"v":1,"ads":"no"}` refuses).
 * "at" is not one: it is AT Internet's tracker key.
 */
const BOOKKEEPING_WORDS = new Set([
  'v',
  'ver',
  'vers',
  'version',
  'versions',
  'vsn',
  'schema',
  'rev',
  'revision',
  'id',
  'uid',
  'uuid',
  'ts',
  'timestamp',
  'time',
  'datetime',
  'date',
  'created',
  'updated',
  'modified',
  'lastupdate',
  'lastupdated',
  'lastmodified',
  'expires',
  'expiry',
  'expiration',
  'exp',
  'iat',
  'count',
  'seq',
  'sequence',
]);

/** True when a key names bookkeeping: one of its words (camelCase, snake_case, kebab-case split) does. */
function namesBookkeeping(key: string): boolean {
  // Two regular expressions with no nesting: linear on any key.
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => BOOKKEEPING_WORDS.has(word));
}

/**
 * Collects the yes/no answers found anywhere in a decoded value (the soft fallback). `key` is
 * the key the value stands under, when it stands under one.
 */
function collectAnswers(value: unknown, answers: Answer[], depth = 0, key?: string): void {
  if (depth > 8 || answers.length > 200) return;
  if (typeof value === 'boolean') answers.push(value);
  // Only 1 and 0, as their words: any other number (a timestamp, a version) answers nothing,
  // nor does a 1 or 0 that a key names as bookkeeping (a version 1, an id 0).
  else if (value === 1 || value === 0) {
    if (key === undefined || !namesBookkeeping(key)) answers.push(value === 1);
  } else if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if ((word === '1' || word === '0') && key !== undefined && namesBookkeeping(key)) return;
    if (YES.has(word)) answers.push(true);
    else if (NO.has(word)) answers.push(false);
    else if (NOT_YET.has(word)) answers.push('not yet');
  } else if (Array.isArray(value)) {
    // A list stands under its own key: `"ids":[1,0]` is no answer either.
    for (const item of value) collectAnswers(item, answers, depth + 1, key);
  } else if (value && typeof value === 'object') {
    for (const [itemKey, item] of Object.entries(value)) collectAnswers(item, answers, depth + 1, itemKey);
  }
}

/** The value and its percent-decoded form, decoded form first (the platform's encoding). */
function percentLayers(raw: string): string[] {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded === raw ? [raw] : [decoded, raw];
  } catch {
    // Not percent-encoded (or cut in the middle of an escape): keep the raw text.
    return [raw];
  }
}

/** Older guesses: JSON of any shape, key-value lists, a bare word, maybe base64-wrapped. */
function fallbackState(layers: string[]): ConsentState {
  const all = [...layers];
  for (const layer of layers) {
    // One character class, no nesting: linear on any input.
    if (/^[A-Za-z0-9+/=_-]{8,}$/.test(layer)) {
      try {
        all.push(atob(layer.replace(/-/g, '+').replace(/_/g, '/')));
      } catch {
        // Not base64.
      }
    }
  }
  const answers: Answer[] = [];
  for (const layer of all) {
    try {
      collectAnswers(JSON.parse(layer), answers);
    } catch {
      // `!` parts too: tarteaucitron's `!gajs=true!facebook=false` is one answer per service.
      for (const part of layer.split(/[,;&|!]/)) {
        // `key=value` or `key:value`: the key says whether a 1 or 0 is an answer; a bare word has none.
        // The value's own key is the piece just before it (`prefs=v:1` is v's 1), not the part's first.
        const pieces = part.split(/[:=]/);
        collectAnswers(pieces.at(-1) ?? '', answers, 0, pieces.length > 1 ? pieces.at(-2) : undefined);
      }
    }
    if (answers.length > 0) break;
  }
  if (answers.length === 0) return 'choice';
  if (answers.every((answer) => answer === true)) return 'accepted';
  if (answers.every((answer) => answer === false)) return 'refused';
  return 'choice';
}

/**
 * Decodes a `cookies_preferences` value seen at `now` (ms since the epoch). The platform's shape
 * gives every tracker's flag and the time of the choice: every flag false is `refused`, every
 * one true `accepted`, a mix `choice` with the flags kept (the first MAX_TRACKERS; the state is
 * every flag's). Other shapes give a state only.
 * Never throws; linear in the value's length, which is cut at 4096 characters.
 */
export function decodeConsent(value: string | undefined, now: number): DecodedConsent {
  if (value === undefined) return { state: 'choice', trackers: {}, chosenAt: null };
  const layers = percentLayers(value.slice(0, MAX_VALUE_LENGTH).trim());
  for (const layer of layers) {
    const platform = platformShape(layer.trim(), now);
    if (platform) return platform;
  }
  return { state: fallbackState(layers), trackers: {}, chosenAt: null };
}
