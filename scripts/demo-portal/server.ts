/**
 * A small stand-in for an Opendatasoft portal, served on loopback for tests and the demo.
 * It answers under any portal host name: browsers reach it through host mapping (Chromium's
 * --host-resolver-rules) or as an HTTP proxy (Firefox's PAC), so it accepts both
 * `GET /path` with a Host header and proxy-style `GET http://host/path`, and `CONNECT` tunnels.
 * One port speaks both plain HTTP and TLS (a throw-away self-signed certificate): Firefox turns
 * an extension's http fetch into https, and the extension reads charters over https first.
 *
 * Like the platform it sets the functional cookies on every page (sessionid HttpOnly,
 * csrftoken, django_language) and `cookies_preferences` once the visitor makes a choice
 * in its consent banner, in the platform's own shape (see `portalPage`). It starts each
 * statistics tracker the visitor accepted the way their scripts do: Matomo on the portal
 * host, Google Analytics on the parent domain. One widget ignores consent altogether and sets
 * a Hotjar-style cookie on every page load: the cookie the charter forgets, set before any
 * choice and kept after a refusal. `?ignore=ga,matomo` on a page plays a portal whose tag for
 * those trackers ignores the choice (starts them once a choice is made, whatever it is);
 * `?banner-after=1500` draws its banner that many milliseconds late, and `?accept-on-load` records
 * "accept all" itself with no banner.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANGED_TCO_CHARTER, charterPage, DEMO_CHARTER, type CharterSection } from './charters.ts';
import { gaCookieDomain } from './ga-cookie-domain.ts';
import {
  CENSUS_PORTALS,
  censusPage,
  censusPortal,
  DISQUS_HOST,
  EMBEDDING_SITE,
  FEATURED_DATASET,
  HUBSPOT_AFTER_ACCEPT,
  TILE_HOST,
  thirdPartyResponse,
  type CensusPortal,
} from './census-portals.ts';

/** The demo portal's host: a portal of the platform whose charter is not bundled. */
export const DEMO_HOST = 'demo.opendatasoft.com';

/** Every host name this server plays (browsers map them to it). */
/** A page of every portal host answering with a Set-Cookie without '=' (see `serve`), and that Set-Cookie's text. */
export const BARE_COOKIE_PAGE = '/bare-cookie/';
export const BARE_COOKIE_TEXT = 'ods_bare_marker';
/** A sign-in page of every portal host: a 302 to the home page whose Set-Cookie sets LOGIN_COOKIE (see `serve`). */
export const LOGIN_PAGE = '/login/';
export const LOGIN_COOKIE = 'portal_login';
/** A page of every portal host whose response sets DUP_COOKIE twice alike, the second line written otherwise, and whose script changes that cookie 800 ms later (see `serve`). */
export const DUP_COOKIE_PAGE = '/dup-cookie/';
export const DUP_COOKIE = 'portal_dup';

export const PORTAL_HOSTS = [
  'data.toulouse-metropole.fr',
  'data.nantesmetropole.fr',
  'data.tco.re',
  'itie.opendatasoft.com',
  'anglet-opendatapaysbasque.opendatasoft.com',
  DEMO_HOST,
  'demo.huwise.com',
  // Parent domains the manifest covers: a portal on its own domain, and a site that is no portal.
  'tco.re',
  'nantesmetropole.fr',
  // A portal on a customer domain the manifest does not cover: reached after a granted permission.
  'opendata.example.org',
  // Unbundled portals with no charter page (so the platform default applies), each a parent
  // domain of its own so the Google Analytics cookie one writes is seen by no other portal.
  'data.refus.opendatasoft.com',
  'data.mixte.opendatasoft.com',
  // The demo census's portals (census-portals.ts), and the third parties two of them embed.
  ...CENSUS_PORTALS.map((portal) => portal.host),
  DISQUS_HOST,
  TILE_HOST,
  EMBEDDING_SITE,
] as const;

/** Charter pages by host; other hosts answer 404 there, as portals whose charter moved elsewhere do. */
const LIVE_CHARTERS: Record<string, CharterSection[]> = {
  [DEMO_HOST]: DEMO_CHARTER,
  'demo.huwise.com': DEMO_CHARTER,
  'data.tco.re': CHANGED_TCO_CHARTER,
  // Portals of the platform under their own domains (not *.opendatasoft.com), with their charter.
  'tco.re': DEMO_CHARTER,
  'opendata.example.org': DEMO_CHARTER,
  ...Object.fromEntries(CENSUS_PORTALS.map((portal) => [portal.host, portal.charter])),
};

/** The page that holds a portal's charter in LIVE_CHARTERS (the other charter path answers 404 there). */
export const CHARTER_PAGE = '/terms/cookies-policy/';

/** A site that is not a portal at all: no platform cookies, no charter. */
const NOT_A_PORTAL = 'nantesmetropole.fr';
/** A charter page to serve in place of the demo portal's own (`npm start -- --charter FILE`): its text and content type. */
export type ServedCharter = { body: string; contentType: string };

/** How the server plays its portals. */
export type PortalServerOptions = {
  /** Served at the demo portal's charter page (DEMO_HOST /terms/cookies-policy/) instead of DEMO_CHARTER. */
  charter?: ServedCharter;
};

/** A running portal server. */
export type PortalServer = {
  /** Loopback port it listens on. */
  port: number;
  /** Requests served so far, as `host path` (lets tests wait on a page having been fetched). */
  requests: string[];
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
};

/** SESSION_COOKIE_AGE's default, 1209600 s: the vendor's "2 weeks by default". */
const TWO_WEEKS = 14 * 24 * 3600;
/** 365 days: this model's reading of the vendor's "12 months" and "up to 12 months". */
const ONE_YEAR = 365 * 24 * 3600;

/** The host and path a request is for, whether it came directly or through the proxy door. */
export function requestTarget(request: IncomingMessage): { host: string; path: string; query: URLSearchParams } {
  const raw = request.url ?? '/';
  const url =
    raw.startsWith('http://') || raw.startsWith('https://') ? new URL(raw) : new URL(raw, `http://${request.headers.host ?? 'localhost'}`);
  return { host: url.hostname.toLowerCase(), path: url.pathname, query: url.searchParams };
}

/**
 * The platform's functional cookies, as its Django back end sets them on every page. Lifetimes:
 * those its published cookie policy states (https://legal.huwise.com/en/cookies.html, 2025-09-29:
 * sessionid 2 weeks by default, csrftoken up to 12 months, django_language 12 months; see
 * src/core/registry/platform-default.ts). The policy gives no flag, so the flags are Django's
 * defaults (https://docs.djangoproject.com/en/stable/ref/settings/): Path=/ (*_COOKIE_PATH '/'),
 * host-only (*_COOKIE_DOMAIN None), never Secure (*_COOKIE_SECURE False); HttpOnly only on
 * sessionid (SESSION_COOKIE_HTTPONLY True, CSRF_ and LANGUAGE_COOKIE_HTTPONLY False); SameSite=Lax
 * on sessionid and csrftoken (SESSION_ and CSRF_COOKIE_SAMESITE 'Lax'), none on django_language
 * (LANGUAGE_COOKIE_SAMESITE None).
 * - sessionid: 2 weeks, the policy's and Django's (SESSION_COOKIE_AGE 1209600).
 * - csrftoken: 365 days, this model's choice within the policy's "up to 12 months"; Django's
 *   CSRF_COOKIE_AGE would be 52 weeks (31449600 s). Kept because the demo's recorded audits
 *   (test/support/demo-audit/) hold this lifetime.
 * - django_language: 365 days for the policy's 12 months, where Django's LANGUAGE_COOKIE_AGE
 *   (None) would make it a session cookie. Set on every portal here, as on a multilingual one.
 */
function platformCookies(): string[] {
  return [
    `sessionid=fixture-session-${Math.random().toString(36).slice(2)}; Path=/; Max-Age=${TWO_WEEKS}; HttpOnly; SameSite=Lax`,
    `csrftoken=fixture-csrf-${Math.random().toString(36).slice(2)}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
    `django_language=fr; Path=/; Max-Age=${ONE_YEAR}`,
  ];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The tracker families the demo portal runs, by the key the platform writes for each. */
const DEMO_TRACKERS = [
  { key: 'matomo', label: 'Matomo' },
  { key: 'ga', label: 'Google Analytics' },
] as const;

/** What a page plays besides the banner; the defaults are the demo portal's (every host but the census portals). */
type PageOptions = {
  /** The trackers the banner has a switch for. */
  trackers?: ReadonlyArray<(typeof DEMO_TRACKERS)[number]['key']>;
  /** The widget that sets `_hjSessionUser_1234` on every page, whatever the visitor chooses. */
  forgetfulWidget?: boolean;
  /** Trackers whose tag starts before any choice, and on every page whatever the choice. */
  beforeChoice?: readonly string[];
  /** Script run once the visitor accepted every tracker (the choice made now or on an earlier page). */
  afterAccept?: string;
  /** The dataset the header links to. */
  datasetLink?: string;
  /** False: the banner as the guide describes it, switches (the necessary cookies' one locked on) and "Sauvegarder mes choix" only. */
  oneClickButtons?: boolean;
  /** How long after the page's script runs its banner is drawn (a consent manager's script loaded late); at once when absent. */
  bannerAfterMs?: number;
  /** The page records "accept all" itself on load, no banner drawn (a choice the visitor never made). */
  acceptOnLoad?: boolean;
};

/**
 * A portal page with the platform's consent banner. The banner follows the platform's
 * ("Gestion de vos préférences sur les cookies": strictly necessary cookies always on, one
 * switch per statistics tool, "Sauvegarder mes choix"; the platform's product documentation),
 * with "Tout accepter" and "Tout refuser" beside it unless `oneClickButtons` is false. Those two
 * are not in the guide: they model the one-click buttons common to consent banners, which the
 * audit clicks first (scripts/audit/consent-banner.ts); a census portal plays the guide's banner
 * without them, whose switches the audit sets before it saves. The choice is written as the platform
 * writes it: `cookies_preferences`, URI-encoded JSON, one flat object with
 * `functional_cookies: true`, one boolean per tracker the portal runs and `timestamp` (ms since
 * the epoch), kept six months. Source: the vendor's public starter kit reads it so
 * (github.com/ods-labs/starterkit-huwise, src/utils/cookieUtils.ts).
 */
function portalPage(host: string, title: string, body: string, ignored: readonly string[], options: PageOptions = {}): string {
  const trackers = DEMO_TRACKERS.filter(({ key }) => (options.trackers ?? DEMO_TRACKERS.map((t) => t.key)).includes(key));
  const switches = trackers
    .map(({ key, label }) => `  <label><input type="checkbox" id="consent-${key}" data-tracker="${key}"> ${escapeHtml(label)}</label>`)
    .join('\n');
  const oneClickButtons = options.oneClickButtons ?? true;
  // Guide: the banner shows "strictly necessary cookies always on". The guide-shaped banner draws
  // that as a switch locked on (checked, disabled: this model's rendering of the sentence), the
  // kind of switch the audit must leave alone (scripts/audit/consent-banner.ts skips disabled ones).
  const lockedSwitch = oneClickButtons
    ? ''
    : `  <label><input type="checkbox" id="consent-necessary" checked disabled> Cookies nécessaires</label>\n`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)} — ${escapeHtml(host)}</title></head>
<body>
<header><a href="/">${escapeHtml(host)}</a> · <a href="${escapeHtml(options.datasetLink ?? '/explore/dataset/demo/')}">Jeu de données</a> · <a href="/terms/cookies-policy/">Charte cookies</a></header>
<main><h1>${escapeHtml(title)}</h1>${body}</main>
<section id="consent-banner" role="dialog" aria-label="Gestion de vos préférences sur les cookies" hidden>
  <h2>Gestion de vos préférences sur les cookies</h2>
  <p>Cookies strictement nécessaires : toujours actifs.</p>
${lockedSwitch}  <fieldset><legend>Mesure d'audience</legend>
${switches}
  </fieldset>
${
  oneClickButtons
    ? `  <button type="button" id="consent-accept">Tout accepter</button>
  <button type="button" id="consent-refuse">Tout refuser</button>
`
    : ''
}  <button type="button" id="consent-save">Sauvegarder mes choix</button>
</section>
<script>
(() => {
  const TRACKERS = ${JSON.stringify(trackers.map(({ key }) => key))};
  // Trackers whose tag on this page ignores the visitor's choice (?ignore=…, for tests and the demo).
  const IGNORED = ${JSON.stringify(ignored)};
  // Trackers whose tag starts before the visitor chooses, and whatever the choice.
  const EARLY = ${JSON.stringify(options.beforeChoice ?? [])};
  ${
    (options.forgetfulWidget ?? true)
      ? `// The forgetful widget: no consent check, not in the charter.
  document.cookie = '_hjSessionUser_1234=' + Math.random().toString(16).slice(2) + '; path=/; max-age=' + (365 * 24 * 3600) + '; SameSite=Lax';`
      : ''
  }
  ${gaCookieDomain.toString()}
  const banner = document.getElementById('consent-banner');
  const visitor = Math.random().toString(16).slice(2, 18);
  const start = {
    // Matomo: first-party, on the portal host (13 months and 30 minutes).
    matomo() {
      document.cookie = '_pk_id.1.a1b2=' + visitor + '.' + Date.now() + '; path=/; max-age=' + (393 * 24 * 3600) + '; SameSite=Lax';
      document.cookie = '_pk_ses.1.a1b2=1; path=/; max-age=1800; SameSite=Lax';
    },
    // Google Analytics (2 years), on the domain gtag.js's cookie_domain "auto" picks (ga-cookie-domain.ts).
    ga() {
      document.cookie = '_ga=GA1.2.' + visitor + '; domain=' + gaCookieDomain(location.hostname) + '; path=/; max-age=' + (730 * 24 * 3600) + '; SameSite=Lax';
    },
  };
  function stored() {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('cookies_preferences='));
    if (!cookie) return null;
    try {
      return JSON.parse(decodeURIComponent(cookie.slice('cookies_preferences='.length)));
    } catch {
      return null;
    }
  }
  function run(choice) {
    for (const key of TRACKERS) if ((choice[key] === true || IGNORED.includes(key)) && !EARLY.includes(key)) start[key]();
    if (TRACKERS.every((key) => choice[key] === true)) afterAccept();
  }
  function afterAccept() {${options.afterAccept ?? ''}
  }
  for (const key of EARLY) start[key]();
  function save(flags) {
    const choice = { functional_cookies: true, ...flags, timestamp: Date.now() };
    // Written by the page's script, so never HttpOnly, as the vendor's starter kit reads it through
    // document.cookie (portalPage's sources). Six months: the guide's; 183 days is this model's
    // reading of them. Path=/ and SameSite=Lax are this model's choice: no source gives them.
    document.cookie = 'cookies_preferences=' + encodeURIComponent(JSON.stringify(choice)) + '; path=/; max-age=' + (183 * 24 * 3600) + '; SameSite=Lax';
    banner.hidden = true;
    const values = TRACKERS.map((key) => flags[key]);
    document.body.dataset.consent = values.every(Boolean) ? 'accepted' : values.some(Boolean) ? 'mixed' : 'refused';
    run(choice);
  }
  const all = (value) => Object.fromEntries(TRACKERS.map((key) => [key, value]));
  const previous = stored();
  // A choice already made: its accepted trackers run on every page, as on the platform.
  if (previous) run(previous);
  else ${
    options.acceptOnLoad
      ? 'save(all(true));'
      : options.bannerAfterMs === undefined
        ? 'banner.hidden = false;'
        : `setTimeout(() => (banner.hidden = false), ${options.bannerAfterMs});`
  }
  for (const [id, value] of [['consent-accept', true], ['consent-refuse', false]]) {
    const button = document.getElementById(id);
    if (button) button.onclick = () => save(all(value));
  }
  document.getElementById('consent-save').onclick = () =>
    save(Object.fromEntries(TRACKERS.map((key) => [key, document.getElementById('consent-' + key).checked])));
})();
</script>
</body></html>`;
}

/** A page of a demo census portal (census-portals.ts), with the platform's cookies and banner. */
function censusPortalPage(portal: CensusPortal, path: string, response: ServerResponse): void {
  const page = censusPage(portal, path);
  response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': platformCookies() });
  response.end(
    portalPage(portal.host, page.title, page.body, [], {
      trackers: portal.trackers,
      forgetfulWidget: false,
      beforeChoice: portal.beforeChoice ?? [],
      afterAccept: portal.hubspotForm ? HUBSPOT_AFTER_ACCEPT : '',
      datasetLink: FEATURED_DATASET,
      oneClickButtons: portal.oneClickButtons ?? true,
    }),
  );
}

/**
 * How a portal's charter page fails, as a real server's can: `{ status }` answers that error
 * status (503: the server down or overloaded for a while); 'hold' answers nothing until the fault
 * is cleared (a server slow to answer), which lets a test act while a read is under way;
 * `{ charter }` answers that charter in place of the portal's own (its operator edited the page).
 */
export type CharterPageFault = { status: number } | 'hold' | { charter: CharterSection[] };

// Set from the test process only (no page can reach them). Not a server's own: the e2e scenarios
// get the browser, not the server started for it, so every server of this process obeys them.
// None by default: every charter page answers as LIVE_CHARTERS says.
const charterPageFaults = new Map<string, CharterPageFault>();
const heldCharterReads = new Map<string, (() => void)[]>();

/**
 * Makes `host`'s charter page fail from its next read on, or with null answers it as usual again
 * (reads held meanwhile are then answered as usual). A test that sets a fault clears it.
 */
export function setCharterPageFault(host: string, fault: CharterPageFault | null): void {
  if (fault === null) charterPageFaults.delete(host);
  else charterPageFaults.set(host, fault);
  if (fault === 'hold') return;
  const held = heldCharterReads.get(host) ?? [];
  heldCharterReads.delete(host);
  for (const answer of held) answer();
}

/** How many reads of `host`'s charter page are held, unanswered, by a 'hold' fault. */
export function heldCharterReadCount(host: string): number {
  return heldCharterReads.get(host)?.length ?? 0;
}

function handle(request: IncomingMessage, response: ServerResponse, requests: string[], options: PortalServerOptions): void {
  const target = requestTarget(request);
  requests.push(`${target.host} ${target.path}`);
  const fault = target.path === CHARTER_PAGE ? charterPageFaults.get(target.host) : undefined;
  if (fault === 'hold') {
    heldCharterReads.set(target.host, [...(heldCharterReads.get(target.host) ?? []), () => serve(target, response, options)]);
    return;
  }
  if (fault && 'charter' in fault) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(charterPage(target.host, fault.charter));
    return;
  }
  if (fault) {
    response.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><h1>Service indisponible</h1>');
    return;
  }
  serve(target, response, options);
}

/** Answers a request for a page as the portal (or the third party) at its host does. */
function serve({ host, path, query }: ReturnType<typeof requestTarget>, response: ServerResponse, options: PortalServerOptions): void {
  if (options.charter && host === DEMO_HOST && path === CHARTER_PAGE) {
    response.writeHead(200, { 'content-type': options.charter.contentType });
    response.end(options.charter.body);
    return;
  }
  const thirdParty = thirdPartyResponse(host, path);
  if (thirdParty) {
    response.writeHead(thirdParty.status, thirdParty.headers).end(thirdParty.body);
    return;
  }
  const census = censusPortal(host);
  if (census && !path.startsWith('/terms/') && path !== '/favicon.ico') {
    censusPortalPage(census, path, response);
    return;
  }
  if (host === NOT_A_PORTAL && path === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': [`visitor_theme=dark; Path=/; Max-Age=3600`] });
    response.end('<!doctype html><html lang="fr"><title>Site institutionnel</title><h1>Bienvenue</h1></html>');
    return;
  }
  if (host === NOT_A_PORTAL && path === '/actualites/') {
    // The city's main site with Google Analytics: gtag's default cookie_domain "auto" writes _ga on
    // the registrable domain, shared with the portal data.<city> (Google Analytics 4 docs, "Cookie
    // usage": https://developers.google.com/analytics/devguides/collection/ga4/cookies-user-id).
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="fr"><title>Actualités</title><h1>Actualités</h1><script>document.cookie = '_ga=GA1.1.' + Math.random().toString(16).slice(2) + '; domain=${NOT_A_PORTAL}; path=/; max-age=' + (730 * 24 * 3600) + '; SameSite=Lax';</script></html>`,
    );
    return;
  }
  if (path === LOGIN_PAGE) {
    // Not the platform's (its sign-in is not modelled here): a sign-in's redirect setting a cookie,
    // as many sites answer one (HTTP 302 with Set-Cookie). Chrome often tells DevTools of such a hop
    // before its Set-Cookie headers came (the DevTools panel's "set by" in real Chromium).
    const login = `${LOGIN_COOKIE}=fixture-login-${Math.random().toString(36).slice(2)}; Path=/; HttpOnly; SameSite=Lax`;
    response.writeHead(302, { location: '/', 'set-cookie': [login] }).end();
    return;
  }
  if (path === DUP_COOKIE_PAGE) {
    // Not the platform's: the same cookie set twice alike, written otherwise (attribute case), as
    // PHP's session_regenerate_id can send PHPSESSID twice. Firefox, comparing the
    // parsed cookie, tells one cookie event for both, Chromium one each (the DevTools panel's "set
    // by": the script's change is never the response's).
    const lines = [`${DUP_COOKIE}=a; Path=/`, `${DUP_COOKIE}=a; path=/`];
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': lines });
    response.end(
      `<!doctype html><html lang="fr"><title>Cookie écrit deux fois</title><h1>Cookie écrit deux fois</h1><script>setTimeout(() => { document.cookie = '${DUP_COOKIE}=b; path=/'; }, 800);</script></html>`,
    );
    return;
  }
  if (path === BARE_COOKIE_PAGE) {
    // Not the platform's: a Set-Cookie without '=' (RFC 6265bis 5.7: a nameless cookie, the text
    // its value, as Chromium keeps it; Firefox ESR 153 names the cookie by the text, measured),
    // for the DevTools panel's "set by" in a real Firefox.
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': [`${BARE_COOKIE_TEXT}; Path=/; Max-Age=3600`] });
    response.end('<!doctype html><html lang="fr"><title>Cookie sans nom</title><h1>Cookie sans nom</h1></html>');
    return;
  }
  if (path === '/' || path.startsWith('/explore/')) {
    const title = path === '/' ? 'Portail open data' : 'Jeu de données de démonstration';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': platformCookies() });
    const ignored = (query.get('ignore') ?? '').split(',').filter((key) => DEMO_TRACKERS.some((tracker) => tracker.key === key));
    // For tests of the audit: ?banner-after=1500, the banner drawn 1.5 s late; ?accept-on-load,
    // "accept all" recorded by the page itself, no banner.
    const bannerAfter = Number(query.get('banner-after') ?? NaN);
    const pageOptions = {
      ...(Number.isInteger(bannerAfter) ? { bannerAfterMs: bannerAfter } : {}),
      acceptOnLoad: query.has('accept-on-load'),
    };
    response.end(portalPage(host, title, '<p>Données publiques ouvertes.</p>', ignored, pageOptions));
    return;
  }
  if (path === CHARTER_PAGE || path === '/terms/cookies-information') {
    const charter = path === CHARTER_PAGE ? LIVE_CHARTERS[host] : undefined;
    if (!charter) {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><h1>Page introuvable</h1>');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(charterPage(host, charter));
    return;
  }
  if (path === '/hostile/') {
    // A cookie whose name looks like markup: the popup must show it as text. And one whose name
    // ends its bidi paragraph before right-to-left letters (U+2029 in Chromium; Å's UTF-8 byte 85
    // as NEL in Firefox, whose cookies API gives a name's bytes): both browsers keep such a name
    // (measured), and it must not reorder the line it is shown in (core/one-paragraph.ts). And one
    // written without `=`: Chromium keeps it with an empty name, the text as its value (RFC 6265bis;
    // measured in Chromium 150), and the popup must say so, not show a blank; Firefox ESR 153 names
    // it by the text, with no value (measured).
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>hostile</title><script>document.cookie = '<b>x</b>=1; path=/';document.cookie = 'bidi\\u00c5\\u2029\\u05d0\\u05d1=1; path=/';document.cookie = 'value_without_a_name; path=/';document.title = 'set';</script>`,
    );
    return;
  }
  if (path.startsWith('/same-name/')) {
    // Two cookies of one name on one host, one for the whole site and one for this page's path:
    // the browser keeps both (a cookie is its name, domain and path: RFC 6265, 5.3), and the
    // popup must tell their rows apart. Not a behaviour of the platform's: a test of the rows.
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>same name</title><script>document.cookie = 'same_name=1; path=/';document.cookie = 'same_name=2; path=/same-name/';document.title = 'set';</script>`,
    );
    return;
  }
  if (path === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}

/** A self-signed certificate for the fixture, made with openssl (Debian ships it) in a temp folder. */
function throwAwayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'cci-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=cookie-charter-inspector fixture',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the portal on 127.0.0.1 (port 0 = any free port). */
export async function startPortalServer(port = 0, options: PortalServerOptions = {}): Promise<PortalServer> {
  const requests: string[] = [];
  const app = (request: IncomingMessage, response: ServerResponse) => handle(request, response, requests, options);
  const plain = createServer(app);
  const tls = createTlsServer(throwAwayCertificate(), app);
  const sockets = new Set<Socket>();
  // Firefox asks its proxy for a tunnel to reach https pages: the tunnel leads to the TLS side.
  plain.on('connect', (_request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    tls.emit('connection', socket);
  });
  // One port for both: a TLS handshake starts with byte 0x16, plain HTTP with a method name.
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Peek at the first byte without switching the socket to flowing mode, then hand it over.
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? tls : plain).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (front.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        plain.closeAllConnections();
        tls.closeAllConnections();
        front.close(() => resolve());
      }),
  };
}
