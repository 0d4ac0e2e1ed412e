/**
 * The portals of the demo census (`npm start -- --portals demo`): each plays one behaviour a
 * census must tell apart, on a host of its own, with the page kinds a multi-page visit covers
 * (catalogue, dataset tabs, API console, a content page), and the third parties two of them embed.
 * The behaviour and each source are in the comments; "guide" is the team's charter formats
 * guide (charter-formats.md: Opendatasoft's public documentation and portal pages).
 *
 * data.tco.re, a bundled portal whose live charter changed, is the sixth: server.ts plays it.
 */
import { DEMO_CHARTER, type CharterSection } from './charters.ts';

/** Disqus's host: its embed is an iframe there (Disqus's universal embed code loads `<shortname>.disqus.com/embed.js`, which writes an iframe on disqus.com/embed/comments/). */
export const DISQUS_HOST = 'disqus.com';
/**
 * The basemap host of the map portal. Not a real provider: none of the platform's documented
 * basemaps is known to set a cookie (Mapbox and Thunderforest set none, see
 * src/core/registry/known-trackers.ts), so a name reserved for examples (RFC 2606) stands for
 * one served behind a load balancer that does.
 */
export const TILE_HOST = 'tiles.example.net';

/**
 * A site that is no portal and embeds the same Disqus comments (Disqus is embedded by sites of
 * every kind): the cookies Disqus sets in its tab must never be filed under a portal open beside it.
 */
export const EMBEDDING_SITE = 'blog.example.net';

/** The tracker families a demo banner can have a switch for, by the key the platform writes (guide). */
export type TrackerKey = 'matomo' | 'ga';

/** One portal of the demo census. */
export type CensusPortal = {
  host: string;
  /** What it plays, in a few words (README, the census demo). */
  plays: string;
  /** The trackers its banner has a switch for. */
  trackers: readonly TrackerKey[];
  /** Trackers whose tag starts on every page before any choice (and whatever the choice). */
  beforeChoice?: readonly TrackerKey[];
  /** Its charter page. */
  charter: CharterSection[];
  /** A HubSpot form on every page that sets HubSpot's cookies after "accept", which the charter forgets. */
  hubspotForm?: boolean;
  /** Disqus comments on the dataset pages, loaded whatever the visitor chose. */
  disqus?: boolean;
  /** Basemap tiles on the dataset's map tab, from a host whose load balancer sets a cookie. */
  basemapCookie?: boolean;
  /** False: its banner is the guide's, switches and "Sauvegarder mes choix" with no one-click buttons. */
  oneClickButtons?: boolean;
};

const [NECESSARY] = DEMO_CHARTER;

/** Matomo with its default lifetimes (13 months and 30 minutes: https://matomo.org/faq/general/faq_146/). */
const MATOMO_ROWS = [
  ['Matomo', '_pk_id.*', '13 mois', 'Identifier le visiteur de façon anonyme pour mesurer la fréquentation'],
  ['Matomo', '_pk_ses.*', '30 minutes', 'Regrouper les pages vues au cours d’une même visite'],
];

/** The new template's audience section (guide: "Cookies de mesure d'audience :" opens the paragraph). */
function audience(rows: string[][]): CharterSection {
  return {
    category: "Cookies de mesure d'audience",
    description: 'Ces cookies nous permettent de mesurer la fréquentation du portail, avec votre accord.',
    header: NECESSARY!.header,
    rows,
  };
}

/** A charter with the platform's four cookies and Matomo: what a portal running Matomo only should publish. */
const MATOMO_CHARTER: CharterSection[] = [NECESSARY!, audience(MATOMO_ROWS)];

export const CENSUS_PORTALS: readonly CensusPortal[] = [
  {
    host: 'data.propre.opendatasoft.com',
    plays: 'clean: Matomo only after "accept", every cookie declared',
    trackers: ['matomo'],
    charter: MATOMO_CHARTER,
    // Guide: the platform's banner has strictly necessary cookies always on (a switch locked on
    // here), a switch per statistics tool and "Sauvegarder mes choix"; no "accept all" or "refuse
    // all" is documented. This portal plays it so: the audit sets the switches it may, then saves.
    oneClickButtons: false,
  },
  {
    host: 'data.pistage.opendatasoft.com',
    plays: 'a tracker before consent: Google Analytics starts before the visitor chooses, and after a refusal',
    trackers: ['matomo', 'ga'],
    beforeChoice: ['ga'],
    // Google Analytics 4's `_ga` lives 2 years by default (https://support.google.com/analytics/answer/11397207).
    charter: [NECESSARY!, audience([...MATOMO_ROWS, ['Google Analytics', '_ga', '2 ans', 'Mesure d’audience (Google Analytics)']])],
  },
  {
    host: 'data.formulaire.opendatasoft.com',
    plays: 'an undeclared widget: a HubSpot form whose cookies the charter forgets',
    trackers: ['matomo'],
    charter: MATOMO_CHARTER,
    hubspotForm: true,
  },
  {
    host: 'data.commentaires.opendatasoft.com',
    plays: 'a third-party embed: Disqus comments on the dataset pages, whatever the visitor chose',
    trackers: ['matomo'],
    // Guide: the template's third section, "Cookies tiers" (third-party). Disqus's page names
    // disqus_unique and testCookie (https://help.disqus.com/customer/portal/articles/466235-use-of-cookies);
    // this charter declares the first only, so the second is checked against the fallbacks.
    charter: [
      ...MATOMO_CHARTER,
      {
        category: 'Cookies tiers',
        description: 'Ces cookies sont déposés par des services tiers intégrés au portail.',
        header: NECESSARY!.header,
        rows: [['Disqus', 'disqus_unique', '1 an', 'Statistiques internes de Disqus pour les visiteurs anonymes']],
      },
    ],
    disqus: true,
  },
  {
    host: 'data.carte.opendatasoft.com',
    plays: 'a cookie only the dataset map page sets: its basemap host’s load balancer',
    trackers: ['matomo'],
    charter: MATOMO_CHARTER,
    basemapCookie: true,
  },
];

/** The demo census's list, in order: the five above and the bundled portal whose charter changed (server.ts). */
export const DEMO_CENSUS_HOSTS: readonly string[] = [...CENSUS_PORTALS.map((portal) => portal.host), 'data.tco.re'];

/** A census portal by host, or undefined. */
export function censusPortal(host: string): CensusPortal | undefined {
  return CENSUS_PORTALS.find((portal) => portal.host === host);
}

/** The datasets each demo portal publishes. */
const DATASETS = ['arbres-remarquables', 'stations-velos'] as const;

/** The dataset the header of every page links to (a portal's home features one). */
export const FEATURED_DATASET = `/explore/dataset/${DATASETS[1]}/`;

/** The tabs of a dataset page, as the platform names them in its URLs (E7 of the design note: README, "Pages"). */
const TABS = ['information', 'table', 'map', 'analyze', 'api'] as const;

/** A page of a census portal: its title, its main content, and whether it exists. */
export type CensusPage = { status: 200 | 404; title: string; body: string };

/**
 * The page at `path`, with the links a visitor (and the crawl) follows: the catalogue lists the
 * datasets, a dataset page its tabs, besides links the crawl must leave alone (an embed copy of a
 * tab, a download, an export).
 */
export function censusPage(portal: CensusPortal, path: string): CensusPage {
  const link = (href: string, text: string) => `<a href="${href}">${text}</a>`;
  const nav = `<nav>${[link('/explore/', 'Catalogue'), link('/pages/a-propos/', 'À propos'), link('/api/explore/v2.1/console', 'API')].join(' · ')}</nav>`;
  if (path === '/') return { status: 200, title: 'Portail open data', body: `${nav}<p>Données publiques ouvertes.</p>` };
  if (path === '/explore/') {
    const items = DATASETS.map((id) => `<li>${link(`/explore/dataset/${id}/`, id)}</li>`).join('');
    return { status: 200, title: 'Catalogue', body: `${nav}<ul class="datasets">${items}</ul>` };
  }
  if (path === '/pages/a-propos/') return { status: 200, title: 'À propos', body: `${nav}<p>Le portail de la collectivité.</p>` };
  if (path === '/api/explore/v2.1/console') return { status: 200, title: 'Console API', body: `${nav}<p>Explore API v2.1</p>` };
  const dataset = /^\/explore\/dataset\/([a-z0-9-]+)\/(?:(information|table|map|analyze|api)\/)?$/.exec(path);
  if (!dataset || !DATASETS.includes(dataset[1] as (typeof DATASETS)[number])) return { status: 404, title: 'Page introuvable', body: '' };
  const [, id, tab = 'information'] = dataset;
  const tabs = TABS.map((name) => link(`/explore/dataset/${id}/${name}/`, name)).join(' · ');
  const elsewhere = [
    link(`/explore/embed/dataset/${id}/table/`, 'Intégrer'),
    link(`/explore/dataset/${id}/download/?format=csv`, 'CSV'),
    link(`/explore/dataset/${id}/export/`, 'Export'),
  ].join(' · ');
  const map = tab === 'map' && portal.basemapCookie ? basemap() : '';
  const comments = portal.disqus ? disqusEmbed(id!) : '';
  return { status: 200, title: `${id} — ${tab}`, body: `${nav}<p class="tabs">${tabs}</p><p>${elsewhere}</p>${map}${comments}` };
}

/** Four basemap tiles, as Leaflet lays a map out in `<img>` tiles (https://leafletjs.com/reference.html#tilelayer). */
function basemap(): string {
  const tiles = ['5/15/10', '5/16/10', '5/15/11', '5/16/11'];
  return `<div class="map">${tiles.map((tile) => `<img alt="" width="64" height="64" src="https://${TILE_HOST}/light/${tile}.png">`).join('')}</div>`;
}

/** Disqus's comments frame (see DISQUS_HOST). */
function disqusEmbed(id: string): string {
  return `<section class="comments"><iframe title="Disqus" width="400" height="120" src="https://${DISQUS_HOST}/embed/comments/?f=demo-portal&t_i=${id}"></iframe></section>`;
}

/**
 * HubSpot's tracking code with its form, started after "accept" only: it sets `hubspotutk` and
 * `__hstc`, each for 6 months ("What cookies does HubSpot set in a visitor's browser?",
 * https://knowledge.hubspot.com/privacy-and-consent/what-cookies-does-hubspot-set-in-a-visitor-s-browser),
 * and the portal's charter does not name them. Runs in the page's consent script (server.ts).
 */
export const HUBSPOT_AFTER_ACCEPT = `
    const sixMonths = 183 * 24 * 3600;
    document.cookie = 'hubspotutk=' + visitor + '; path=/; max-age=' + sixMonths + '; SameSite=Lax';
    document.cookie = '__hstc=1.' + visitor + '.' + Date.now() + '; path=/; max-age=' + sixMonths + '; SameSite=Lax';`;

/** A response of a third party the census portals embed, or null for another host. */
export type ThirdPartyResponse = { status: number; headers: Record<string, string | string[]>; body: string | Buffer };

/** A 1×1 transparent PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** What the embedded third parties, and the site embedding Disqus, answer at `path`. */
export function thirdPartyResponse(host: string, path: string): ThirdPartyResponse | null {
  if (host === EMBEDDING_SITE && path === '/') {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html lang="fr"><title>Blog</title><h1>Un billet</h1>${disqusEmbed('billet')}</html>`,
    };
  }
  if (host === DISQUS_HOST && path === '/embed/comments/') {
    // Disqus's cookies (see DISQUS_HOST): disqus_unique sent with the frame, testCookie written by
    // its script to check third-party cookies are accepted. A third party's cookie needs
    // SameSite=None and Secure to be sent across sites (https://web.dev/articles/samesite-cookies-explained).
    // Its lifetime has no source: Disqus's page states none. A year is this model's choice, the
    // same as the demo charter's row ("1 an"), so no lifetime finding depends on it.
    return {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': [
          `disqus_unique=demo-${Math.random().toString(36).slice(2)}; Domain=.${DISQUS_HOST}; Path=/; Max-Age=31536000; SameSite=None; Secure`,
        ],
      },
      body: `<!doctype html><html lang="fr"><title>Disqus</title><p>0 commentaire</p><script>document.cookie = 'testCookie=testCookie; path=/; SameSite=None; Secure';</script></html>`,
    };
  }
  if (host === TILE_HOST && path.endsWith('.png')) {
    // An Application Load Balancer with duration-based stickiness sets AWSALB, and AWSALBCORS
    // (SameSite=None; Secure) for cross-site use, each for 7 days
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html).
    const week = 7 * 24 * 3600;
    const target = Math.random().toString(36).slice(2);
    return {
      status: 200,
      headers: {
        'content-type': 'image/png',
        'set-cookie': [`AWSALB=${target}; Path=/; Max-Age=${week}`, `AWSALBCORS=${target}; Path=/; Max-Age=${week}; SameSite=None; Secure`],
      },
      body: PIXEL,
    };
  }
  return null;
}
