import { describe, expect, it, vi } from 'vitest';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { CharterError, charterProblem, parseCharter, readCharter } from '../../../src/core/charter/parse.ts';
import { MAX_CHARTER_TEXT_LENGTH, MAX_ENTRIES, MAX_TABLE_ROWS, MAX_UNREAD_ROWS_LISTED } from '../../../src/core/charter/limits.ts';
import { unreadLineCount } from '../../../src/core/charter/unread-lines.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';
import type { UnreadRow } from '../../../src/core/charter/parse.ts';

/** Unread rows with their reasons in English, as the charter CLI prints them and the JSON export keeps them. */
function inEnglish(rows: readonly UnreadRow[]): UnreadRow[];
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined;
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined {
  return rows?.map((row) => ({ ...row, reason: unreadReasonText(row.reason) }));
}

/** Builds an expected entry; the defaults are the new template's (no service). */
function entry(fields: Partial<CharterEntry> & Pick<CharterEntry, 'provider' | 'cookie' | 'purpose' | 'category'>): CharterEntry {
  return { service: null, match: 'exact', duration: null, ...fields };
}

function charterError(text: string): CharterError {
  try {
    parseCharter(text);
  } catch (error) {
    if (error instanceof CharterError) return error;
    throw error;
  }
  throw new Error('expected a CharterError');
}

/** Old template, French, tabs: BOM, CRLF, trailing spaces, « », a `----` rule, blank lines between rows, no final newline. */
const FRENCH_TABS =
  '\uFEFFCharte cookies\r\n\r\n' +
  'Les cookies « nécessaires » permettent de naviguer.   \r\n\r\n' +
  'A quoi servent les cookies sur la plateforme\r\n\r\n' +
  '<https://Data.Exemple.FR>\r\n\r\n' +
  'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels\r\n\r\n' +
  'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\r\n' +
  '--------------------\t------------------------\t----------------\t-----------\r\n\r\n' +
  "Opendatasoft\tAuthentification (front et back office)\tsessionid\tSe souvenir de l'utilisateur d'une page à une autre.  \r\n\r\n\r\n" +
  'Opendatasoft\tChoix concernant vos préférences sur les cookies\tcookies_preferences\tSe souvenir du choix « cookies » du visiteur';

/** New template, English, markdown: preambles, several sections, every wildcard form, an empty name cell. */
const ENGLISH_PIPES = `Download as PDF

# Cookie Policy

Last update: 12 March 2025

Translated to English:

## What the cookies on the platform are for <https://Portal.Huwise.com/explore/>

### Strictly necessary cookies

| Supplier name | Cookie name | Duration | Function |
|---|---|---|---|
| Huwise | sessionid | 2 weeks by default | Keeps you signed in between pages |
| Huwise | cookies_preferences | 6 months | Remembers your “cookie” choices |

### Analytics and stats

| Supplier name | Cookie name(s) | Duration | Function |
|:---|:---|:---|:---|
| Matomo | _pk_id.*, _pk_ses.* | 13 months / 30 minutes | Counts visits anonymously |
| Google Analytics | \`_ga\`, _ga_<ID> | 13 months | Measures the audience |
| HubSpot | Any cookie starting with “_hs” | Session | Tracks visits |
| Hotjar |  | 1 year | Heatmaps |

### Third party cookies

| Supplier name | Cookie name | Duration | Function |
|---|---|---|---|
| reCAPTCHA/Google | _GRECAPTCHA | 6 months | Protects the contact form |
| Disqus | disqus_unique | 1 year | Comments |
`;

describe('parseCharter: French old template with tabs', () => {
  it('reads portal, language and entries through BOM, CRLF, rules, blank lines and trailing spaces', () => {
    expect(parseCharter(FRENCH_TABS)).toEqual({
      portal: 'data.exemple.fr',
      language: 'fr',
      entries: [
        entry({
          provider: 'Opendatasoft',
          service: 'Authentification (front et back office)',
          cookie: 'sessionid',
          purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
          category: 'necessary',
        }),
        entry({
          provider: 'Opendatasoft',
          service: 'Choix concernant vos préférences sur les cookies',
          cookie: 'cookies_preferences',
          purpose: 'Se souvenir du choix « cookies » du visiteur',
          category: 'necessary',
        }),
      ],
    });
  });

  it('reads the same text with LF line ends and a final newline identically', () => {
    const unix = `${FRENCH_TABS.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')}\n`;
    expect(parseCharter(unix)).toEqual(parseCharter(FRENCH_TABS));
  });
});

describe('parseCharter: English new template with markdown pipes', () => {
  it('reads every section with its category, every wildcard form, and skips the empty name cell', () => {
    expect(parseCharter(ENGLISH_PIPES)).toEqual({
      portal: 'portal.huwise.com',
      language: 'en',
      entries: [
        entry({
          provider: 'Huwise',
          cookie: 'sessionid',
          duration: '2 weeks by default',
          purpose: 'Keeps you signed in between pages',
          category: 'necessary',
        }),
        entry({
          provider: 'Huwise',
          cookie: 'cookies_preferences',
          duration: '6 months',
          purpose: 'Remembers your “cookie” choices',
          category: 'necessary',
        }),
        entry({
          provider: 'Matomo',
          cookie: '_pk_id.',
          match: 'prefix',
          duration: '13 months / 30 minutes',
          purpose: 'Counts visits anonymously',
          category: 'statistics',
        }),
        entry({
          provider: 'Matomo',
          cookie: '_pk_ses.',
          match: 'prefix',
          duration: '13 months / 30 minutes',
          purpose: 'Counts visits anonymously',
          category: 'statistics',
        }),
        entry({
          provider: 'Google Analytics',
          cookie: '_ga',
          duration: '13 months',
          purpose: 'Measures the audience',
          category: 'statistics',
        }),
        entry({
          provider: 'Google Analytics',
          cookie: '_ga_',
          match: 'prefix',
          duration: '13 months',
          purpose: 'Measures the audience',
          category: 'statistics',
        }),
        entry({
          provider: 'HubSpot',
          cookie: '_hs',
          match: 'prefix',
          duration: 'Session',
          purpose: 'Tracks visits',
          category: 'statistics',
        }),
        entry({
          provider: 'reCAPTCHA/Google',
          cookie: '_GRECAPTCHA',
          duration: '6 months',
          purpose: 'Protects the contact form',
          category: 'third-party',
        }),
        entry({ provider: 'Disqus', cookie: 'disqus_unique', duration: '1 year', purpose: 'Comments', category: 'third-party' }),
      ],
    });
  });

  it('reports the empty name cell with its line, and lists the tables', () => {
    const reading = readCharter(ENGLISH_PIPES);
    expect(reading.title).toBe('Cookie Policy');
    expect(inEnglish(reading.unreadRows)).toEqual([
      { line: 25, text: '| Hotjar | | 1 year | Heatmaps |', reason: 'empty cookie name cell' },
    ]);
    expect(reading.tables.map((table) => [table.line, table.layout, table.entries])).toEqual([
      [13, 'pipe', 2],
      [20, 'pipe', 5],
      [29, 'pipe', 2],
    ]);
  });

  it('reads the guide’s tiny example (table only, no heading)', () => {
    const example = [
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Huwise | sessionid | 2 weeks by default | Keeps you signed in between pages |',
      '| Matomo | _pk_id.*, _pk_ses.* | 13 months / 30 minutes | Counts visits anonymously |',
    ].join('\n');
    const parsed = parseCharter(example);
    expect([parsed.portal, parsed.language]).toEqual([null, 'en']);
    expect(parsed.entries.map((found) => [found.cookie, found.match, found.category])).toEqual([
      ['sessionid', 'exact', 'other'],
      ['_pk_id.', 'prefix', 'other'],
      ['_pk_ses.', 'prefix', 'other'],
    ]);
  });
});

describe('readCharter: a row read in part', () => {
  it('gives the charter positions of the entries a row listed as not read gave all the same, and none for a row that gave none', () => {
    const reading = readCharter(
      [
        '| Nom du cookie | Prestataire | Finalité | Durée |',
        '| --- | --- | --- | --- |',
        '| _pk_id | Matomo | Mesure | 13 mois |',
        '| _ga, _gid, * | Google | Mesure | 13 mois |',
        '| sessionid, * |  | Session | 2 semaines |',
        '| * | Opendatasoft | Session | 2 semaines |',
        '| tout cookie commençant par | Opendatasoft | Session | 2 semaines |',
      ].join('\n'),
    );
    expect(reading.entries.map((each) => each.cookie)).toEqual(['_pk_id', '_ga', '_gid']);
    // Line 5's empty provider gives no entry, whatever its name cell holds: no line read in part.
    expect(reading.unreadRows.map(({ line, gave }) => [line, gave ?? null])).toEqual([
      [4, { first: 1, count: 2 }],
      [5, null],
      [5, null],
      [6, null],
      [7, null],
    ]);
  });
});

describe('parseCharter: English old template with tabs and close wordings', () => {
  it('reads “Service provider’s name / Function and location / Cookie name(s) / Purposes”', () => {
    const text = [
      'Cookies policy',
      '',
      'Analytics and stats',
      "Service provider's name\tFunction and location\tCookie name(s)\tPurposes",
      'Google Analytics\tAudience (front office)\t_ga; _gid\tMeasures the audience of the portal',
    ].join('\n');
    expect(parseCharter(text)).toEqual({
      portal: null,
      language: 'en',
      entries: [
        entry({
          provider: 'Google Analytics',
          service: 'Audience (front office)',
          cookie: '_ga',
          purpose: 'Measures the audience of the portal',
          category: 'statistics',
        }),
        entry({
          provider: 'Google Analytics',
          service: 'Audience (front office)',
          cookie: '_gid',
          purpose: 'Measures the audience of the portal',
          category: 'statistics',
        }),
      ],
    });
  });
});

describe('parseCharter: single-space separated rows', () => {
  it('splits French old-template rows on known providers and cookie-name shapes', () => {
    const text = [
      '## Politique de cookies',
      '',
      '### Cookies de mesure d’audience',
      '',
      'Nom du prestataire Service et emplacement Nom du cookies Finalités',
      'Matomo Statistiques (front office) _pk_id.*, _pk_ses.* Mesure d’audience anonyme',
      '',
      'AT Internet Mesure d’audience (front) atuserid et atidvisitor Suivi des visites',
      'Google Analytics Statistiques tout cookie commençant par _ga_ Statistiques de visite',
    ].join('\n');
    expect(parseCharter(text).entries).toEqual([
      entry({
        provider: 'Matomo',
        service: 'Statistiques (front office)',
        cookie: '_pk_id.',
        match: 'prefix',
        purpose: 'Mesure d’audience anonyme',
        category: 'statistics',
      }),
      entry({
        provider: 'Matomo',
        service: 'Statistiques (front office)',
        cookie: '_pk_ses.',
        match: 'prefix',
        purpose: 'Mesure d’audience anonyme',
        category: 'statistics',
      }),
      entry({
        provider: 'AT Internet',
        service: 'Mesure d’audience (front)',
        cookie: 'atuserid',
        purpose: 'Suivi des visites',
        category: 'statistics',
      }),
      entry({
        provider: 'AT Internet',
        service: 'Mesure d’audience (front)',
        cookie: 'atidvisitor',
        purpose: 'Suivi des visites',
        category: 'statistics',
      }),
      entry({
        provider: 'Google Analytics',
        service: 'Statistiques',
        cookie: '_ga_',
        match: 'prefix',
        purpose: 'Statistiques de visite',
        category: 'statistics',
      }),
    ]);
  });

  it('splits English new-template rows on provider, names and duration, and reports a row it cannot split', () => {
    const text = [
      'Cookie Policy',
      'Third party cookies',
      'Supplier name Cookie name Duration Function',
      'Hotjar _hjSessionUser_<ID>; _hjid 1 year Heatmaps of the pages',
      'Mapbox tiles are loaded with a token',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries).toEqual([
      entry({
        provider: 'Hotjar',
        cookie: '_hjSessionUser_',
        match: 'prefix',
        duration: '1 year',
        purpose: 'Heatmaps of the pages',
        category: 'third-party',
      }),
      entry({ provider: 'Hotjar', cookie: '_hjid', duration: '1 year', purpose: 'Heatmaps of the pages', category: 'third-party' }),
    ]);
    expect(inEnglish(reading.unreadRows).map((row) => [row.line, row.text])).toEqual([[5, 'Mapbox tiles are loaded with a token']]);
    expect(inEnglish(reading.unreadRows)[0]?.reason).toMatch(/^could not split into provider \/ cookie \/ duration \/ purpose/);
  });
});

describe('parseCharter: single-space rows of less common providers', () => {
  it('reads AT Internet’s names that have no underscore (atsession, idrxvr) as cookie names', () => {
    const text = [
      '## Politique de cookies',
      '',
      '### Cookies de mesure d’audience',
      '',
      'Nom du prestataire Service et emplacement Nom du cookies Finalités',
      'AT Internet Mesure d’audience (front) atsession et idrxvr Suivi des visites',
    ].join('\n');
    const visits = {
      provider: 'AT Internet',
      service: 'Mesure d’audience (front)',
      purpose: 'Suivi des visites',
      category: 'statistics' as const,
    };
    expect(parseCharter(text).entries).toEqual([entry({ ...visits, cookie: 'atsession' }), entry({ ...visits, cookie: 'idrxvr' })]);
  });

  it('reads Eulerian and Piano rows between Matomo ones', () => {
    const text = [
      'Politique de cookies',
      '',
      'Cookies de mesure d’audience',
      'Prestataire Nom du cookie Durée Finalité',
      'Matomo _pk_id.* 13 mois Mesure d’audience',
      'Eulerian etuix 13 mois Mesure d’audience',
      'Piano _pcid 13 mois Mesure d’audience',
      'Matomo _pk_ses.* 30 minutes Mesure d’audience',
    ].join('\n');
    const reading = readCharter(text);
    const statistics = { purpose: 'Mesure d’audience', category: 'statistics' as const };
    expect(reading.entries).toEqual([
      entry({ provider: 'Matomo', cookie: '_pk_id.', match: 'prefix', duration: '13 mois', ...statistics }),
      entry({ provider: 'Eulerian', cookie: 'etuix', duration: '13 mois', ...statistics }),
      entry({ provider: 'Piano', cookie: '_pcid', duration: '13 mois', ...statistics }),
      entry({ provider: 'Matomo', cookie: '_pk_ses.', match: 'prefix', duration: '30 minutes', ...statistics }),
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  it('reports rows of an unknown provider and reads the rows after them, up to the prose', () => {
    const text = [
      'Politique de cookies',
      '',
      'Cookies de mesure d’audience',
      'Prestataire Nom du cookie Durée Finalité',
      'Matomo _pk_id.* 13 mois Mesure d’audience',
      'Acme acme_id 13 mois Mesure d’audience',
      'Acme Corp « acme_vid » 6 mois Mesure d’audience',
      'Matomo _pk_ses.* 30 minutes Mesure d’audience',
      '',
      'Vous pouvez changer d’avis à tout moment.',
      'Le cookie _ga est déposé par Google.',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((read) => read.cookie)).toEqual(['_pk_id.', '_pk_ses.']);
    expect(inEnglish(reading.unreadRows).map((row) => [row.line, row.text])).toEqual([
      [6, 'Acme acme_id 13 mois Mesure d’audience'],
      [7, 'Acme Corp « acme_vid » 6 mois Mesure d’audience'],
    ]);
    for (const row of inEnglish(reading.unreadRows))
      expect(row.reason).toMatch(/^does not start with a provider the reader knows, so could not split/);
  });
  it('ends the table at a section heading, paragraph label or prose that names a cookie', () => {
    const necessaryTable = [
      'Politique de cookies',
      '',
      'Cookies nécessaires',
      'Prestataire Nom du cookie Durée Finalité',
      'Opendatasoft sessionid 2 semaines Session',
      '',
    ];
    const statisticsTable = ['Prestataire Nom du cookie Durée Finalité', 'Google Analytics _ga 13 mois Mesure d’audience'];
    const between = [
      ['Cookies statistiques (_ga, _gid)'],
      ['Statistics cookies: _ga and _gid measure the audience.'],
      ['Le cookie _ga est déposé par Google.', '', 'Cookies statistiques'],
    ];
    for (const lines of between) {
      const reading = readCharter([...necessaryTable, ...lines, ...statisticsTable].join('\n'));
      expect(
        reading.entries.map((read) => [read.cookie, read.category]),
        lines[0],
      ).toEqual([
        ['sessionid', 'necessary'],
        ['_ga', 'statistics'],
      ]);
      expect(reading.unreadRows, lines[0]).toEqual([]);
    }
  });
});

describe('parseCharter: cells with no separator', () => {
  it('reads French old-template rows that run together', () => {
    const text = [
      'Charte cookies',
      'Cookies fonctionnels',
      'Nom du prestataireService et emplacementNom du cookiesFinalités',
      "OpendatasoftAuthentification (front et back office)sessionidSe souvenir de l'utilisateur",
      'OpendatasoftSélection de la languedjango_languageSe souvenir de la langue du visiteur',
    ].join('\n');
    expect(parseCharter(text)).toEqual({
      portal: null,
      language: 'fr',
      entries: [
        entry({
          provider: 'Opendatasoft',
          service: 'Authentification (front et back office)',
          cookie: 'sessionid',
          purpose: "Se souvenir de l'utilisateur",
          category: 'necessary',
        }),
        entry({
          provider: 'Opendatasoft',
          service: 'Sélection de la langue',
          cookie: 'django_language',
          purpose: 'Se souvenir de la langue du visiteur',
          category: 'necessary',
        }),
      ],
    });
  });

  it('reads English new-template rows that run together', () => {
    const text = [
      'Cookies policy',
      'Strictly necessary',
      'Supplier nameCookie nameDurationFunction',
      'Huwisesessionid2 weeks by defaultKeeps you signed in between pages',
      'Matomo_pk_id.*, _pk_ses.*13 months / 30 minutesCounts visits anonymously',
    ].join('\n');
    expect(parseCharter(text).entries).toEqual([
      entry({
        provider: 'Huwise',
        cookie: 'sessionid',
        duration: '2 weeks by default',
        purpose: 'Keeps you signed in between pages',
        category: 'necessary',
      }),
      entry({
        provider: 'Matomo',
        cookie: '_pk_id.',
        match: 'prefix',
        duration: '13 months / 30 minutes',
        purpose: 'Counts visits anonymously',
        category: 'necessary',
      }),
      entry({
        provider: 'Matomo',
        cookie: '_pk_ses.',
        match: 'prefix',
        duration: '13 months / 30 minutes',
        purpose: 'Counts visits anonymously',
        category: 'necessary',
      }),
    ]);
  });
});

describe('parseCharter: one field per line', () => {
  it('reads French records, with « » around names', () => {
    const text = [
      '## Charte cookies',
      '### Cookies statistiques',
      'Nom du prestataire : Matomo',
      'Nom du cookie : _pk_id.*',
      'Durée : 13 mois',
      'Finalité : Mesure d’audience',
      '',
      'Nom du prestataire : Google',
      'Nom du cookie : « _ga », « _gid »',
      'Durée : 13 mois',
      'Finalité : Statistiques',
    ].join('\n');
    expect(parseCharter(text)).toEqual({
      portal: null,
      language: 'fr',
      entries: [
        entry({
          provider: 'Matomo',
          cookie: '_pk_id.',
          match: 'prefix',
          duration: '13 mois',
          purpose: 'Mesure d’audience',
          category: 'statistics',
        }),
        entry({ provider: 'Google', cookie: '_ga', duration: '13 mois', purpose: 'Statistiques', category: 'statistics' }),
        entry({ provider: 'Google', cookie: '_gid', duration: '13 mois', purpose: 'Statistiques', category: 'statistics' }),
      ],
    });
  });

  it('reads English bulleted records with bold labels, reporting an empty cookie name', () => {
    const text = [
      '# Cookie Policy',
      '## Third party cookies',
      '- **Provider:** reCAPTCHA/Google',
      '- **Cookie name:** _GRECAPTCHA',
      '- **Purpose:** Protects the contact form against spam',
      '- **Provider:** Disqus',
      '- **Cookie name:**',
      '- **Purpose:** Comments',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries).toEqual([
      entry({
        provider: 'reCAPTCHA/Google',
        cookie: '_GRECAPTCHA',
        purpose: 'Protects the contact form against spam',
        category: 'third-party',
      }),
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([{ line: 6, text: '- **Provider:** Disqus', reason: 'empty cookie name cell' }]);
    expect(reading.tables).toEqual([
      { line: 3, layout: 'fields', columns: ['provider', 'cookie', 'purpose'], entries: 1, continues: null },
    ]);
  });
});

describe('invisible format characters inside a cookie name cell', () => {
  // A soft hyphen or a direction mark shows nothing: kept, the name would match no browser cookie.
  const names = ['cookies_\u00ADpreferences', '\u200Ecsrftoken', 'session\u200Fid', 'django_\u2066language\u2069', '_pk_\u202Aid\u202C.*'];
  const expected = [
    ['cookies_preferences', 'exact'],
    ['csrftoken', 'exact'],
    ['sessionid', 'exact'],
    ['django_language', 'exact'],
    ['_pk_id.', 'prefix'],
  ];

  it('reads the names of a markdown pipe table without them', () => {
    const text = [
      '## Politique de cookies',
      '',
      '### Cookies nécessaires au bon fonctionnement',
      '',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '|---|---|---|---|',
      ...names.map((name) => `| Huwise | ${name} | 12 mois | x |`),
    ].join('\n');
    const reading = readCharter(text);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
    expect(reading.entries.map((found) => [found.cookie, found.match])).toEqual(expected);
  });

  it('reads them written as character references in a markdown pipe table, as a renderer shows them', () => {
    const text = [
      '## Politique de cookies',
      '',
      '### Cookies de mesure d’audience',
      '',
      '| Prestataire | Service | Nom du cookie | Finalité |',
      '|---|---|---|---|',
      '| Google | Google Analytics | _g&shy;a | Statistiques |',
      '| Huwise | Pr&eacute;f&eacute;rences | cookies_&#173;preferences | Choix &amp; pr&#xE9;f&#233;rences |',
      '| Huwise | Session | session&#xAD;id&nbsp;; csrf&#x200B;token | Session |',
    ].join('\n');
    const reading = readCharter(text);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
    expect(reading.entries.map((found) => [found.cookie, found.match])).toEqual([
      ['_ga', 'exact'],
      ['cookies_preferences', 'exact'],
      ['sessionid', 'exact'],
      ['csrftoken', 'exact'],
    ]);
    expect(reading.entries.map((found) => [found.service, found.purpose])).toEqual([
      ['Google Analytics', 'Statistiques'],
      ['Préférences', 'Choix & préférences'],
      ['Session', 'Session'],
      ['Session', 'Session'],
    ]);
  });

  it('reads the names of a plain tab table without them', () => {
    const text = [
      'Charte cookies',
      '',
      'Cookies fonctionnels',
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      ...names.map((name) => `Opendatasoft\tPlateforme\t${name}\tx`),
    ].join('\n');
    const reading = readCharter(text);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
    expect(reading.entries.map((found) => [found.cookie, found.match])).toEqual(expected);
  });

  it('makes no entry of a name cell holding nothing but them: the row is reported, not read as a blank name', () => {
    const text = [
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Huwise | sessionid | 2 weeks | Session |',
      '| Huwise | \u00AD\u200E\u202E | 1 year | x |',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => found.cookie)).toEqual(['sessionid']);
    expect(inEnglish(reading.unreadRows)).toEqual([{ line: 4, text: '| Huwise | | 1 year | x |', reason: 'empty cookie name cell' }]);
  });
});

describe('parseCharter: sections and several tables', () => {
  it('follows headings between rows of one tab table and reports a stray line', () => {
    const text = [
      'Politique de cookies',
      '',
      'Cookies nécessaires au bon fonctionnement',
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l’utilisateur',
      'Matomo (si activé)',
      'Opendatasoft\tPréférences\tcookies_preferences\tChoix cookies',
      '',
      'Cookies de mesure d’audience',
      'Matomo\tStatistiques\t_pk_id.*; _pk_ses.*\tMesure d’audience',
      'Google\tStatistiques\t\tMesure',
      'Google\tStatistiques\t*_session\tMesure',
      '',
      'Texte libre sans rapport.',
      '',
      'Cookies tiers',
      'Disqus\tCommentaires\tdisqus_unique\tCommentaires',
      '',
      'Autres cookies',
      'Xiti\tStatistiques\txtvrn\tMesure',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.provider, found.cookie, found.category])).toEqual([
      ['Opendatasoft', 'sessionid', 'necessary'],
      ['Opendatasoft', 'cookies_preferences', 'necessary'],
      ['Matomo', '_pk_id.', 'statistics'],
      ['Matomo', '_pk_ses.', 'statistics'],
      ['Disqus', 'disqus_unique', 'third-party'],
      ['Xiti', 'xtvrn', 'other'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([
      { line: 6, text: 'Matomo (si activé)', reason: "not a row of the table at line 4: its cells are not separated like the header's" },
      { line: 11, text: 'Google | Statistiques | | Mesure', reason: 'empty cookie name cell' },
      { line: 12, text: 'Google | Statistiques | *_session | Mesure', reason: '“*_session”: a wildcard must follow a fixed prefix' },
    ]);
    expect(reading.tables.map((table) => [table.line, table.continues])).toEqual([
      [4, null],
      [17, 4],
    ]);
  });

  it('takes a row with only its first cell filled for a section heading inside a pipe table', () => {
    const text = [
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| **Strictly necessary** | | | |',
      '| Huwise | sessionid | 2 weeks by default | Keeps you signed in |',
      '| **Analytics and stats** | | | |',
      '| Matomo | _pk_id.* | 13 months | Counts visits |',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_pk_id.', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  it('takes a short row holding only a bold category heading for that heading, not for an unread row (a review’s missed breach: Hotjar filed as necessary)', () => {
    // Reviewer's model of a colspan category row exported to markdown: one bold cell between pipes.
    const text = [
      '### Strictly necessary cookies',
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Huwise | sessionid | 2 weeks | Session |',
      '| **Analytics and stats cookies** |',
      '| Matomo | _pk_id.* | 13 months | Counts visits |',
      '| Hotjar | _hjid | 1 year | Heatmaps |',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_pk_id.', 'statistics'],
      ['_hjid', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  /** `text`'s sessionid and __cf_bm both read as necessary, and its line `line` (the short row `row`) listed unread. */
  const keepsNecessaryListingUnread = (text: string, row: string, line: number) => {
    const reading = readCharter(text);
    expect(
      reading.entries.map((found) => [found.cookie, found.category]),
      row,
    ).toEqual([
      ['sessionid', 'necessary'],
      ['__cf_bm', 'necessary'],
    ]);
    expect(
      inEnglish(reading.unreadRows).map((unread) => unread.line),
      row,
    ).toEqual([line]);
  };

  it('lists a short row that is not a bold category heading as unread, and the rows after it keep their section (a re-review’s regression: __cf_bm filed as statistics, the row gone)', () => {
    const charter = (row: string) =>
      [
        '### Cookies strictement nécessaires',
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Huwise | sessionid | 2 semaines | Session |',
        row,
        '| Cloudflare | __cf_bm | 30 minutes | Protection contre les robots |',
      ].join('\n');
    for (const row of [
      '| cookies_preferences |',
      '| Cookie |',
      '| Google Analytics |',
      "| Aucun cookie de mesure d'audience n'est déposé sans votre accord |",
      '| Les cookies tiers sont listés plus bas |',
      '| **Cookies Matomo** |',
    ]) {
      keepsNecessaryListingUnread(charter(row), row, 5);
    }
  });

  it('takes a bold short row titling cookies of a kind with no category for an `other` section, as a caption is (a review’s missed breach: cto_bundle kept necessary)', () => {
    for (const row of [
      '| **Cookies publicitaires** |',
      '| **Marketing cookies** |',
      '| **Advertising cookies** |',
      '| **Cookies de ciblage publicitaire** |',
      '| **Cookies publicitaires :** |',
    ]) {
      const text = [
        '### Cookies strictement nécessaires',
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Huwise | sessionid | 2 semaines | Session |',
        row,
        '| Criteo | cto_bundle | 13 mois | Publicité ciblée |',
        '| Meta | _fbp | 3 mois | Publicité ciblée |',
      ].join('\n');
      const reading = readCharter(text);
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['sessionid', 'necessary'],
        ['cto_bundle', 'other'],
        ['_fbp', 'other'],
      ]);
      expect(reading.unreadRows, row).toEqual([]);
    }
  });

  it('lists an emphasised note, a bold cookie or provider name as unread in a short row, and the rows after it keep their section', () => {
    // Statistics above, so that a note read as a heading (necessary, other) would show.
    const charter = (row: string) =>
      [
        '### Cookies de mesure d’audience',
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Matomo | _pk_id.* | 13 mois | Mesure |',
        row,
        '| Hotjar | _hjid | 1 an | Mesure |',
      ].join('\n');
    for (const row of [
      "| **Note : aucun cookie n'est déposé sans accord** |",
      "| **Aucun cookie de mesure d'audience n'est déposé ici** |",
      '| **These cookies are essential** |',
      '| **Cookies publicitaires** sont listés plus bas |',
      '| **Cookies publicitaires** et **cookies tiers** |',
      '| **Nos cookies publicitaires ne sont pas déposés** |',
      '| **Ces cookies publicitaires** |',
      '| **Cookies we never set without consent** |',
      '| **Liste des cookies utilisés sur ce site** |',
      '| **_ga** |',
      '| **Criteo** |',
      '| **Cookies Matomo** |',
    ]) {
      const reading = readCharter(charter(row));
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['_pk_id.', 'statistics'],
        ['_hjid', 'statistics'],
      ]);
      expect(
        inEnglish(reading.unreadRows).map((unread) => unread.line),
        row,
      ).toEqual([5]);
    }
  });

  /** `row` between a statistics row and `cookie`'s row, in a table under an audience heading (so that any section it opened would show). */
  const underStatistics = (row: string, cookie = '_hjid') =>
    [
      '### Cookies de mesure d’audience',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Matomo | _pk_id.* | 13 mois | Mesure |',
      row,
      `| Example | ${cookie} | 1 an | Mesure |`,
    ].join('\n');

  /** Reads `text` and expects its rows filed as `filed` (cookie, category), none left unread; `label` names the case. */
  const expectFiled = (text: string, label: string, filed: Array<[string, string]>) => {
    const reading = readCharter(text);
    expect(
      reading.entries.map((found) => [found.cookie, found.category]),
      label,
    ).toEqual(filed);
    expect(reading.unreadRows, label).toEqual([]);
  };

  it('takes a bold short row titling technical or mandatory cookies in English for the necessary section, as their French words are (a review’s false alarm: AWSALB filed as other)', () => {
    for (const row of [
      '| **Technical cookies** |',
      '| **Mandatory cookies** |',
      '| **Cookies techniques** |',
      '| **Technical cookies** | | | |',
    ]) {
      const reading = readCharter(underStatistics(row, 'AWSALB'));
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['_pk_id.', 'statistics'],
        ['AWSALB', 'necessary'],
      ]);
      expect(reading.unreadRows, row).toEqual([]);
    }
  });

  it('lists a bold title naming no kind of cookies that needs consent (an unknown provider’s, a session’s) as unread, and the rows after it keep their section (a review’s missed breach: _cs_id filed as other)', () => {
    for (const row of [
      '| **Cookies Contentsquare** |',
      '| **Cookies Smartlook** |',
      '| **Contentsquare cookies** |',
      '| **Cookies de session** |',
      '| **Cookies Contentsquare** | | | |',
      '| Cookies Contentsquare | | | |',
      '| **Cookies de session** | | | |',
    ]) {
      const reading = readCharter(underStatistics(row, '_cs_id'));
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['_pk_id.', 'statistics'],
        ['_cs_id', 'statistics'],
      ]);
      // A padded row is listed once per empty cell it lacks.
      expect([...new Set(inEnglish(reading.unreadRows).map((unread) => unread.line))], row).toEqual([5]);
    }
  });

  it('lists an emphasised note padded to the table’s width as unread, as its short form is, and the rows after it keep their section (a review’s case: they moved)', () => {
    for (const row of [
      "| **Note : aucun cookie n'est déposé sans accord** | | | |",
      "| **Aucun cookie de mesure d'audience n'est déposé sans votre accord** | | | |",
      "| Aucun cookie de mesure d'audience n'est déposé sans votre accord | | | |",
      '| **These cookies are essential** | | | |',
      '| These cookies are essential | | | |',
      '| **Cookies publicitaires** sont listés plus bas | | | |',
      '| **Cookies publicitaires** et **cookies tiers** | | | |',
      '| **Cookies Matomo** | | | |',
    ]) {
      const reading = readCharter(underStatistics(row));
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['_pk_id.', 'statistics'],
        ['_hjid', 'statistics'],
      ]);
      // A padded row is listed once per empty cell it lacks.
      expect([...new Set(inEnglish(reading.unreadRows).map((unread) => unread.line))], row).toEqual([5]);
    }
    // The same in a tab table: a note beside empty cells.
    const tabs = [
      '### Cookies de mesure d’audience',
      'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
      'Matomo\t_pk_id.*\t13 mois\tMesure',
      '**These cookies are essential**\t\t\t',
      'Example\t_hjid\t1 an\tMesure',
    ].join('\n');
    expect(readCharter(tabs).entries.map((found) => found.category)).toEqual(['statistics', 'statistics']);
  });

  it('still takes a row padded to the table’s width for the heading it titles, plain or bold', () => {
    for (const [row, category] of [
      ['| **Cookies publicitaires** | | | |', 'other'],
      ['| Cookies publicitaires | | | |', 'other'],
      ['| Cookies strictement nécessaires | | | |', 'necessary'],
      ['| **Cookies tiers** | | | |', 'third-party'],
      ['| **Les cookies de mesure d’audience sont désactivés** | | | |', 'statistics'],
      // A re-review of 349d8fc: these plain titles started a section before it, and their rows stayed necessary.
      ['| Cookies soumis à votre consentement | | | |', 'other'],
      ['| Cookies nécessitant votre consentement | | | |', 'other'],
      ['| Cookies requiring consent | | | |', 'other'],
      ['| Cookies de suivi | | | |', 'other'],
      ['| Unclassified cookies | | | |', 'other'],
      ['| Cookies non classés | | | |', 'other'],
      ["| Cookies d'analyse | | | |", 'statistics'],
      ['| Analytical cookies | | | |', 'statistics'],
      ['| **Cookies soumis à votre consentement** |', 'other'],
    ] as const) {
      const text = [
        '### Cookies strictement nécessaires',
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Huwise | sessionid | 2 semaines | Session |',
        row,
        '| Example | xcookie | 1 an | Purpose |',
      ].join('\n');
      expectFiled(text, row, [
        ['sessionid', 'necessary'],
        ['xcookie', category],
      ]);
    }
  });

  it('takes a plain category row of a tab table, padded to its width, for the section it titles (a re-review of 349d8fc: its rows stayed necessary)', () => {
    for (const [title, category] of [
      ['Cookies soumis à votre consentement', 'other'],
      ['Cookies requiring consent', 'other'],
      ['Cookies de suivi', 'other'],
      ['Unclassified cookies', 'other'],
      ["Cookies d'analyse", 'statistics'],
      ['Analytical cookies', 'statistics'],
    ] as const) {
      const text = [
        '## Liste des cookies',
        'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
        'Cookies strictement nécessaires\t\t\t',
        'Huwise\tsessionid\t2 semaines\tSession',
        `${title}\t\t\t`,
        'AdPartner\tadp_visitor\t13 mois\tSuivi des visiteurs',
      ].join('\n');
      expectFiled(text, title, [
        ['sessionid', 'necessary'],
        ['adp_visitor', category],
      ]);
    }
  });

  it('takes a wholly bold title listing a cookie name with "__" for the heading it is, padded or short (a re-review’s missed breach: _pk_id kept necessary)', () => {
    for (const row of [
      "| **Cookies de mesure d'audience (_pk_id, __utma)** | | | |",
      "| **Cookies de mesure d'audience (_pk_id, __utma)** |",
      "| __Cookies de mesure d'audience (_pk_id, __utma)__ |",
      "| **Cookies de mesure d'audience (__utma__, _pk_id)** |",
    ]) {
      const text = [
        '### Cookies strictement nécessaires',
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Huwise | sessionid | 2 semaines | Session |',
        row,
        '| Matomo | _pk_id.* | 13 mois | Mesure d’audience |',
      ].join('\n');
      expectFiled(text, row, [
        ['sessionid', 'necessary'],
        ['_pk_id.', 'statistics'],
      ]);
    }
  });

  it('still lists a cell bold in part with "__" as unread', () => {
    for (const row of ['| __Cookies publicitaires__ et __cookies tiers__ |', '| __Cookies publicitaires__ et __cookies tiers__ | | | |']) {
      const reading = readCharter(underStatistics(row));
      expect(
        reading.entries.map((found) => [found.cookie, found.category]),
        row,
      ).toEqual([
        ['_pk_id.', 'statistics'],
        ['_hjid', 'statistics'],
      ]);
      expect([...new Set(inEnglish(reading.unreadRows).map((unread) => unread.line))], row).toEqual([5]);
    }
    // Each mark is looked at a bounded number of times: a quadratic reading of 400,000 characters would time out.
    for (const cell of [`**${'a__ '.repeat(100_000)}x**`, `__a__ ${'_ '.repeat(200_000)}__`]) {
      expect(readCharter(underStatistics(`| ${cell} | | | |`)).entries.map((found) => found.category)).toEqual([
        'statistics',
        'statistics',
      ]);
    }
  });

  it('lists a plain line ending in a tab inside a tab table as unread: a sentence beside an empty cell is no heading (a re-review’s false alarm on __cf_bm)', () => {
    // A layout table's category cell ("Cookies de mesure d'audience\t") cannot be told from such
    // a sentence, and is unread too: README's Limits.
    for (const row of ["Aucun cookie de mesure d'audience n'est déposé ici\t", "Cookies de mesure d'audience\t"]) {
      const text = [
        '### Cookies strictement nécessaires',
        'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
        'Huwise\tsessionid\t2 semaines\tSession',
        row,
        'Cloudflare\t__cf_bm\t30 minutes\tRobots',
      ].join('\n');
      keepsNecessaryListingUnread(text, row, 4);
    }
  });

  it('still reports a short row whose one cell is no heading, and keeps the section it is in', () => {
    const text = [
      '### Cookies statistiques',
      'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
      'Matomo\t_pk_id.*\t13 mois\tMesure',
      'Voir aussi la page Matomo.\t',
      '\tCookies tiers',
      'Hotjar\t_hjid\t1 an\tMesure',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['_pk_id.', 'statistics'],
      ['_hjid', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows).map((row) => row.line)).toEqual([4, 5]);
  });

  it('reads a row whose first cell starts with "#" as a row, not a heading, and a heading as a heading', () => {
    const text = [
      '### Cookies statistiques',
      'Supplier name\tCookie name\tDuration\tFunction',
      '#\t_hit\t1 day\tCounts hits',
      '## Analytics\t',
      '#1 Stats\t_top\t1 day\tRanks pages',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.provider, found.cookie, found.category])).toEqual([
      ['#', '_hit', 'statistics'],
      ['#1 Stats', '_top', 'statistics'],
    ]);
  });

  it('reads two tables of different templates and layouts in one document', () => {
    const text = [
      '## Charte cookies',
      '#### Cookies fonctionnels',
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Opendatasoft\tAPI (CSRF)\tcsrftoken\tRécupérer des données',
      '#### Cookies tiers',
      '| Prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Mapbox | mapbox_session | Session | Cartes |',
    ].join('\n');
    expect(parseCharter(text).entries).toEqual([
      entry({
        provider: 'Opendatasoft',
        service: 'API (CSRF)',
        cookie: 'csrftoken',
        purpose: 'Récupérer des données',
        category: 'necessary',
      }),
      entry({ provider: 'Mapbox', cookie: 'mapbox_session', duration: 'Session', purpose: 'Cartes', category: 'third-party' }),
    ]);
  });
});

describe('parseCharter: errors', () => {
  it('throws on empty, binary and undecodable text', () => {
    expect(charterError('').kind).toBe('empty');
    expect(charterError('\u0000\u0000PK\u0003\u0004').kind).toBe('binary');
    expect(charterError('\uFFFD\uFFFD\uFFFD\uFFFD Charte').kind).toBe('not-utf8');
  });

  it('throws a specific message when there is no cookie table', () => {
    const error = charterError('## Charte cookies\n\nNous utilisons des cookies pour assurer le bon fonctionnement du site.\n');
    expect(error.kind).toBe('no-table');
    expect(error.message).toBe(
      'no cookie table: expected a header row such as "Nom du prestataire | Service et emplacement | Nom du cookies | Finalités" ' +
        'or "Supplier name | Cookie name | Duration | Function", or one field per line ("Nom du cookie : _pk_id")',
    );
  });

  it('throws when a table gives no entry, naming the first unread row', () => {
    const text = 'Nom du prestataire\tNom du cookie\tFinalité\nGoogle\t\tMesure\nMatomo\t-\tMesure';
    const error = charterError(text);
    expect(error.kind).toBe('no-entries');
    expect(error.message).toBe('no readable cookie row in the table at line 1 (line 2: empty cookie name cell)');
    expect(charterProblem(readCharter(text))).toBe(error.message);
  });

  it('is a CharterError and an Error', () => {
    const error = charterError('hello');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CharterError');
  });

  it('returns only portal, language and entries', () => {
    expect(Object.keys(parseCharter(FRENCH_TABS))).toEqual(['portal', 'language', 'entries']);
  });
});

describe('rows whose cells share the header words', () => {
  it('reads them as rows, not as new headers', () => {
    const text = [
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Prestataire 1\tService 1\tcookie_1\tFinalité numéro 1 du cookie',
      'Prestataire 2\tService 2\tcookie_2.*\tFinalité numéro 2 du cookie',
    ].join('\n');
    expect(parseCharter(text).entries.map((e) => [e.provider, e.service, e.cookie, e.match])).toEqual([
      ['Prestataire 1', 'Service 1', 'cookie_1', 'exact'],
      ['Prestataire 2', 'Service 2', 'cookie_2.', 'prefix'],
    ]);
  });

  it('keeps its error to one short line when many tables give nothing', () => {
    const text = Array.from({ length: 40 }, () => 'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\n\t\t\t').join(
      '\n',
    );
    expect(() => parseCharter(text)).toThrow(/tables at lines 1, 3, 5, 7, 9 and 35 more/);
  });
});

describe('limits: past each one the parser says so', () => {
  const HEADER = 'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités';

  it('refuses a text longer than MAX_CHARTER_TEXT_LENGTH', () => {
    const error = charterError(`${HEADER}\n${'x'.repeat(MAX_CHARTER_TEXT_LENGTH)}`);
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/^the charter is 2,000,0\d\d characters long, over the limit of 2,000,000: not read$/);
  });

  it('stops after MAX_TABLE_ROWS rows with a note on the line where it stopped', () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 3 }, (_, i) => `Matomo\tStats\t_c${i}\tMesure`);
    const reading = readCharter([HEADER, ...rows].join('\n'));
    expect(reading.entries).toHaveLength(MAX_TABLE_ROWS);
    expect(inEnglish(reading.unreadRows)).toEqual([
      {
        line: MAX_TABLE_ROWS + 2,
        text: '',
        reason: 'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on',
      },
      { line: MAX_TABLE_ROWS + 2, text: '', reason: 'and 2 more lines not read (the charter is not read past the limit)', more: 2 },
    ]);
  });

  it('counts every line a limit left unread, not the note alone: 1,000 of a 6,000-row charter, blank lines aside', () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => `Matomo\tStats\t_c${i}\tMesure`);
    const reading = readCharter([HEADER, ...rows, '', '   ', ''].join('\n'));
    expect(reading.entries).toHaveLength(MAX_TABLE_ROWS);
    expect(unreadLineCount(inEnglish(reading.unreadRows))).toBe(1_000);
    expect(inEnglish(reading.unreadRows).at(-1)).toEqual({
      line: MAX_TABLE_ROWS + 2,
      text: '',
      reason: 'and 999 more lines not read (the charter is not read past the limit)',
      more: 999,
    });
    // Stopped on the last row: that line alone, and no note after it.
    const last = readCharter([HEADER, ...rows.slice(0, MAX_TABLE_ROWS + 1), ''].join('\n'));
    expect(unreadLineCount(inEnglish(last.unreadRows))).toBe(1);
    expect(inEnglish(last.unreadRows)).toHaveLength(1);
    const oneMore = readCharter([HEADER, ...rows.slice(0, MAX_TABLE_ROWS + 2)].join('\n'));
    expect(inEnglish(oneMore.unreadRows).at(-1)?.reason).toBe('and 1 more line not read (the charter is not read past the limit)');
  });

  it('stops at MAX_ENTRIES entries, however many names the rows hold', () => {
    const names = (row: number) => Array.from({ length: 100 }, (_, i) => `_c${row}_${i}`).join(', ');
    const rows = Array.from({ length: 60 }, (_, row) => `Matomo\tStats\t${names(row)}\tMesure`);
    const reading = readCharter([HEADER, ...rows].join('\n'));
    expect(reading.entries).toHaveLength(MAX_ENTRIES);
    expect(inEnglish(reading.unreadRows).map((row) => [row.line, row.reason])).toEqual([
      [52, 'truncated: 5,000 entries, the limit; the charter is not read from this line on'],
      [52, 'and 9 more lines not read (the charter is not read past the limit)'],
    ]);
  });

  it('does not read a row with a cell longer than MAX_CELL_LENGTH', () => {
    const reading = readCharter([HEADER, `Matomo\tStats\t_pk_id\t${'Mesure '.repeat(2000)}`, 'Google\tStats\t_ga\tMesure'].join('\n'));
    expect(reading.entries.map((entry) => entry.cookie)).toEqual(['_ga']);
    expect(inEnglish(reading.unreadRows)[0]?.reason).toBe('purpose cell of 13,999 characters, over the limit of 10,000: row not read');
    expect(inEnglish(reading.unreadRows)[0]?.text).toHaveLength(301);
  });

  it('lists MAX_UNREAD_ROWS_LISTED unread rows and counts the others', () => {
    const rows = Array.from({ length: MAX_UNREAD_ROWS_LISTED + 5 }, () => 'Matomo\tStats\t\tMesure');
    const reading = readCharter([HEADER, 'Google\tStats\t_ga\tMesure', ...rows].join('\n'));
    expect(inEnglish(reading.unreadRows)).toHaveLength(MAX_UNREAD_ROWS_LISTED + 1);
    expect(inEnglish(reading.unreadRows).at(-1)?.reason).toBe('and 5 more rows not read (only the first 1,000 are listed)');
    expect(inEnglish(reading.unreadRows).at(-1)?.more).toBe(5);
  });

  it('says how many lines the rows it did not list are on: a line with two problems is one', () => {
    // An empty provider and an empty purpose: two rows of each line.
    const rows = Array.from({ length: 600 }, (_, index) => `\tStats\tck_${index}\t`);
    const reading = readCharter([HEADER, 'Google\tStats\t_ga\tMesure', ...rows].join('\n'));
    expect(inEnglish(reading.unreadRows).at(-1)).toMatchObject({
      reason: 'and 200 more rows not read (only the first 1,000 are listed)',
      more: 100,
    });
  });

  it('reads a name cell of 200,000 names without overflowing the stack', () => {
    const reading = readCharter(
      [HEADER, `Matomo\tStats\t${Array.from({ length: 200_000 }, (_, i) => `_n${i}`).join(',')}\tMesure`].join('\n'),
    );
    expect(reading.entries).toEqual([]);
    expect(inEnglish(reading.unreadRows)[0]?.reason).toMatch(
      /^a row of 1,[\d,]+ characters: longer than 4 cells of at most 10,000 characters can be$/,
    );
    const oneLongCell = readCharter(
      [HEADER, `Matomo\tStats\t${Array.from({ length: 3_000 }, (_, i) => `_n${i}`).join(',')}\tMesure`].join('\n'),
    );
    expect(inEnglish(oneLongCell.unreadRows)[0]?.reason).toMatch(
      /^cookie cell of [\d,]+ characters, over the limit of 10,000: row not read$/,
    );
  });
});

/**
 * The new template as real portals write it (charter-formats.md): categories as the label opening
 * a paragraph, then the table; the platform's four cookies with their published lifetimes.
 */
describe('parseCharter: the new template with paragraph categories', () => {
  /** English, copied with tabs; preambles before the title; an unclassifiable heading; a row with no provider. */
  const ENGLISH_TABS = [
    'Translated to English:',
    '',
    'Download as PDF',
    '',
    'Cookie Policy',
    '',
    'Last updated: 29 September 2025',
    '',
    'Strictly necessary cookies: These cookies are necessary for the platform to work and cannot be switched off.',
    '',
    'Supplier name\tCookie name\tDuration\tFunction',
    'Huwise\tsessionid\t2 weeks by default\tKeeps you signed in between pages',
    'Huwise\tcsrftoken\tToken reset for each session. Up to 12 months\tProtects forms against cross-site request forgery',
    'Huwise\tcookies_preferences\t6 months\tRemembers your cookie choices',
    'Huwise\tdjango_language\t12 months\tRemembers your language, only when the portal has several languages',
    '',
    'Audience measurement cookies: These cookies let us count visits and see how the portal is used.',
    '',
    'Supplier name\tCookie name\tDuration\tFunction',
    'Matomo\t_pk_id.*; _pk_ses.*\t13 months; 30 minutes\tCounts visits anonymously',
    'Google Analytics\t_ga; _ga_<ID>\t13 months\tMeasures the audience',
    '',
    'User experience',
    '',
    'Supplier name\tCookie name\tDuration\tFunction',
    'Hotjar\t_hjSessionUser_*\t1 year\tShows how pages are used',
    '\t_hjid\t1 year\tIdentifies the visitor',
  ].join('\n');

  it('gives each table the category its paragraph names, and other after a heading that names none', () => {
    const reading = readCharter(ENGLISH_TABS);
    expect(reading.title).toBe('Cookie Policy');
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['csrftoken', 'necessary'],
      ['cookies_preferences', 'necessary'],
      ['django_language', 'necessary'],
      ['_pk_id.', 'statistics'],
      ['_pk_ses.', 'statistics'],
      ['_ga', 'statistics'],
      ['_ga_', 'statistics'],
      ['_hjSessionUser_', 'other'],
    ]);
    expect(reading.entries.find((found) => found.cookie === 'csrftoken')?.duration).toBe('Token reset for each session. Up to 12 months');
    expect(reading.entries.find((found) => found.cookie === 'django_language')?.purpose).toBe(
      'Remembers your language, only when the portal has several languages',
    );
    expect(inEnglish(reading.unreadRows)).toEqual([
      { line: 27, text: '| _hjid | 1 year | Identifies the visitor', reason: 'empty provider cell' },
    ]);
  });

  it('reads the French template copied with single spaces, the long csrftoken duration included', () => {
    const text = [
      'Charte cookies',
      '',
      'Cookies strictement nécessaires : Ces cookies sont indispensables au fonctionnement de la plateforme.',
      '',
      'Nom du prestataire Nom du cookie Durée Finalité',
      "Huwise sessionid 2 semaines par défaut Se souvenir de l'utilisateur d'une page à une autre",
      "Huwise csrftoken Réinitialisé à chaque session. Jusqu'à 12 mois Protéger les formulaires contre la falsification de requêtes",
      'Huwise cookies_preferences 6 mois Se souvenir du choix opéré par le visiteur concernant les cookies',
      'Huwise django_language 12 mois Se souvenir de la langue du visiteur, uniquement quand le portail est disponible en plusieurs langues',
      '',
      "Cookies de mesure d'audience : Ces cookies nous permettent de compter les visites.",
      '',
      'Nom du prestataire Nom du cookie Durée Finalité',
      "Matomo _pk_id.*, _pk_ses.* 13 mois Mesure d'audience anonyme",
      "Google Analytics _ga 13 mois Mesure d'audience",
      '',
      'Cookies tiers : ces cookies sont déposés par des services externes.',
      '',
      'Nom du prestataire Nom du cookie Durée Finalité',
      'Mapbox mapbox_session Session Afficher les cartes',
    ].join('\n');
    const reading = readCharter(text);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
    expect(reading.entries.map((found) => [found.cookie, found.duration, found.category])).toEqual([
      ['sessionid', '2 semaines par défaut', 'necessary'],
      ['csrftoken', "Réinitialisé à chaque session. Jusqu'à 12 mois", 'necessary'],
      ['cookies_preferences', '6 mois', 'necessary'],
      ['django_language', '12 mois', 'necessary'],
      ['_pk_id.', '13 mois', 'statistics'],
      ['_pk_ses.', '13 mois', 'statistics'],
      ['_ga', '13 mois', 'statistics'],
      ['mapbox_session', 'Session', 'third-party'],
    ]);
  });

  it('reads pipe rows ending with “| ”, bold labels, names split by “;” and an empty name cell, which it reports', () => {
    const text = [
      'Translated to English:',
      '# Cookie Policy <https://data.example.org>',
      '**Strictly necessary cookies:** These cookies are necessary to keep the portal working.',
      '| Supplier name | Cookie name | Duration | Function | ',
      '|---|---|---|---| ',
      '| Huwise | sessionid | 2 weeks by default | Keeps you signed in | ',
      '| Huwise | cookies_preferences; django_language | 6 months; 12 months | Remembers your choices and your language (only when the portal has several languages) | ',
      '| Huwise |  | 6 months | Something | ',
      '**Analytics cookies:** These cookies measure the audience.',
      '| Supplier name | Cookie name | Duration | Function | ',
      '|---|---|---|---| ',
      '| Matomo | _pk_id.* | 13 months | Counts visits | ',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.portal).toBe('data.example.org');
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['cookies_preferences', 'necessary'],
      ['django_language', 'necessary'],
      ['_pk_id.', 'statistics'],
    ]);
    expect(reading.entries[2]?.purpose).toBe('Remembers your choices and your language (only when the portal has several languages)');
    expect(inEnglish(reading.unreadRows)).toEqual([
      { line: 8, text: '| Huwise | | 6 months | Something |', reason: 'empty cookie name cell' },
    ]);
  });

  it('resets to other on a label or a markdown heading that names no category, but not on a provider’s sub-heading', () => {
    const text = [
      '## Cookie Policy',
      '### Analytics',
      '#### Matomo',
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Matomo | _pk_id.* | 13 months | Counts visits |',
      '#### User experience',
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Hotjar | _hjid | 1 year | Heatmaps |',
      'Strictly necessary cookies: These cookies keep the portal working.',
      '| Huwise | sessionid | 2 weeks | Keeps you signed in |',
      'Personalisation: These cookies remember how you like the portal.',
      '| Acme | acme_theme | 1 year | Theme |',
    ].join('\n');
    expect(parseCharter(text).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['_pk_id.', 'statistics'],
      ['_hjid', 'other'],
      ['sessionid', 'necessary'],
      ['acme_theme', 'other'],
    ]);
  });

  it('starts `other` at a plain heading or a label naming no category inside a markdown section, as at a markdown heading', () => {
    const tab = 'Provider\tService and location\tCookie name\tPurpose';
    const plain = [
      'Cookie Policy',
      '### Analytics and stats',
      tab,
      'Matomo\tStats\t_pk_id.*\tCounts visits',
      '',
      'Advertising cookies',
      '',
      tab,
      'Acme Ads\tBanner\tacme_uid\tTargets ads',
    ].join('\n');
    expect(parseCharter(plain).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['_pk_id.', 'statistics'],
      ['acme_uid', 'other'],
    ]);
    const labels = [
      '## Cookie Policy',
      '### Strictly necessary cookies',
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Huwise | sessionid | 2 weeks | Keeps you signed in |',
      'Personalisation cookies: These cookies remember your display settings.',
      '| Supplier name | Cookie name | Duration | Function |',
      '|---|---|---|---|',
      '| Acme | ods_theme | 1 year | Theme |',
    ].join('\n');
    expect(parseCharter(labels).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['ods_theme', 'other'],
    ]);
  });

  it('does not take prose with a colon, or a provider’s name on its own line, for a section', () => {
    const text = [
      'Cookies de mesure d’audience',
      'Pour en savoir plus sur les cookies : https://www.cnil.fr/fr/cookies-et-autres-traceurs',
      'Matomo',
      'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
      'Matomo\t_pk_id.*\t13 mois\tMesure d’audience',
    ].join('\n');
    expect(parseCharter(text).entries.map((found) => found.category)).toEqual(['statistics']);
  });
});

describe('sections and tables the reader used to misfile or drop', () => {
  const categories = (text: string) => readCharter(text).entries.map((found) => [found.cookie, found.category]);

  it('never files a section whose heading negates “necessary” as necessary', () => {
    const text = [
      '# Cookie Policy',
      '## Non-essential cookies',
      '| Provider | Service and location | Cookie name | Purpose |',
      '|---|---|---|---|',
      '| Hotjar | Heatmaps | _hjSessionUser_* | Records visits |',
      '## Cookies qui ne sont pas strictement nécessaires',
      '| Matomo | Audience | _pk_id.* | Counts visits |',
    ].join('\n');
    expect(categories(text)).toEqual([
      ['_hjSessionUser_', 'other'],
      ['_pk_id.', 'other'],
    ]);
  });
});

describe('a section’s description without a full stop', () => {
  it.each(['Ces cookies ne sont déposés qu’après votre consentement', 'Ces cookies ne sont pas nécessaires au fonctionnement du site'])(
    '“%s” keeps the section of the heading above it',
    (sentence) => {
      const text = [
        '## Charte cookies',
        '### Cookies statistiques',
        sentence,
        'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
        'Matomo\tStatistiques\t_pk_id.*\tMesure d’audience',
      ].join('\n\n');
      expect(readCharter(text).entries.map((found) => found.category)).toEqual(['statistics']);
    },
  );
});

describe('a category label without the word “cookies” before a table', () => {
  const HEADER = '| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|';

  it.each([
    ['Analytics: we use Matomo to measure the audience of the portal, with your consent.', HEADER + '\n'],
    ['Mesure d’audience : nous utilisons Matomo, avec votre consentement.', HEADER + '\n'],
    ['Analytics: we use Matomo to measure the audience of the portal, with your consent.', ''],
  ])('“%s” opens a section for the table or rows after it, and is no unread row', (label, header) => {
    const text = [
      '# Cookie Policy',
      'Strictly necessary cookies: These cookies are necessary for the portal to work.',
      HEADER,
      '| Huwise | sessionid | 2 weeks | Login |',
      label,
      `${header}| Matomo | _pk_id.* | 13 months | Audience |`,
    ].join('\n\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_pk_id.', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  it('does not take such a label for a heading when no table follows it', () => {
    const text = [
      'Strictly necessary cookies: These cookies are necessary for the portal to work.',
      HEADER,
      '| Huwise | sessionid | 2 weeks | Login |',
      'Analytics: we do not measure the audience.',
      'Contact us for anything else.',
    ].join('\n\n');
    expect(readCharter(text).entries.map((found) => found.category)).toEqual(['necessary']);
  });
});

describe('a cookie table with a column the reader has no word for', () => {
  it.each(['Domaine', 'Base légale', 'Données collectées', 'Third party'])('still reads the table with a “%s” column', (extra) => {
    const text = [
      '## Charte cookies',
      '### Cookies statistiques',
      `Nom du prestataire\tNom du cookie\tDurée\tFinalité\t${extra}`,
      'Matomo\t_pk_id.*\t13 mois\tMesure d’audience\tdata.example.fr',
    ].join('\n');
    expect(readCharter(text).entries).toEqual([
      entry({
        provider: 'Matomo',
        cookie: '_pk_id.',
        match: 'prefix',
        duration: '13 mois',
        purpose: 'Mesure d’audience',
        category: 'statistics',
      }),
    ]);
  });
});

describe('a table with a category column', () => {
  it('files each row by its category cell', () => {
    const text = [
      '## Charte cookies',
      'Nom du prestataire\tNom du cookie\tCatégorie\tDurée\tFinalité',
      'Opendatasoft\tsessionid\tNécessaire\t2 semaines\tSession',
      'Google\t_GRECAPTCHA\tNécessaire\t6 mois\tProtection anti-spam du formulaire de contact',
      'Matomo\t_pk_id.*\tMesure d’audience\t13 mois\tStatistiques de visite',
      'Acme\tacme_id\tPersistant\t1 an\tDivers',
    ].join('\n');
    expect(readCharter(text).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_GRECAPTCHA', 'necessary'],
      ['_pk_id.', 'statistics'],
      ['acme_id', 'other'],
    ]);
  });
});

describe('rows away from their table, after a heading and a sentence', () => {
  it('goes on with a single-space table', () => {
    const text = [
      'Cookie Policy',
      'Strictly necessary cookies',
      'These cookies are necessary to make the portal work.',
      'Supplier name Cookie name Duration Function',
      'Huwise sessionid 2 weeks by default Keeps you signed in between pages',
      'Analytics and stats cookies',
      'These cookies measure the audience of the portal.',
      'Matomo _pk_id.*, _pk_ses.* 13 months / 30 minutes Counts visits anonymously',
      'Google Analytics _ga, _gid 13 months Audience measurement',
    ].join('\n\n');
    expect(readCharter(text).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_pk_id.', 'statistics'],
      ['_pk_ses.', 'statistics'],
      ['_ga', 'statistics'],
      ['_gid', 'statistics'],
    ]);
  });

  it.each([
    ['3', 'Matomo\t_pk_id.*, _pk_ses.*\tMesure d’audience'],
    ['5', 'Matomo\tStatistiques\t_pk_id.*\tMesure d’audience\t13 mois'],
  ])('reports a first row of %s tab cells instead of dropping it, and reads the rows after it', (found, row) => {
    const text = [
      '#### Cookies nécessaires',
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l’utilisateur',
      '#### Cookies de mesure d’audience',
      'Ces cookies ne sont déposés qu’avec votre consentement.',
      row,
      'Google Analytics\tStatistiques\t_ga\tMesure d’audience',
    ].join('\n\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['_ga', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([
      {
        line: 11,
        text: row.replace(/\t/g, ' | '),
        reason: `expected 4 cells separated by tabs (provider / service / cookie / purpose), found ${found}`,
      },
    ]);
  });

  it('does not report prose with a tab after a table as a row', () => {
    const text = [
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l’utilisateur',
      '#### Contact',
      'Écrivez-nous\tà tout moment.',
    ].join('\n\n');
    expect(inEnglish(readCharter(text).unreadRows)).toEqual([]);
  });
});

describe('a single-space row ending a tab or pipe table', () => {
  const TAB_HEADER = 'Nom du prestataire\tNom du cookie\tDurée\tFinalité';
  const PIPE_HEADER = '| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|';
  const PROSE = 'Vous pouvez retirer votre consentement à tout moment depuis le bandeau.';
  const unread = (line: number, text: string, header: number) => ({
    line,
    text,
    reason: `not a row of the table at line ${header}: its cells are not separated like the header's`,
  });

  it.each([
    ['before a prose paragraph', [PROSE]],
    ['at the end of the text', []],
    ['before another table', ['## Cookies tiers', TAB_HEADER, 'Disqus\tdisqus_unique\t1 an\tCommentaires']],
  ])('is listed as unread when it cannot be split, %s', (_where, after) => {
    const row = 'Matomo _pk_id.* Mesure d’audience, treize mois';
    const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', row, '', ...after].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => found.cookie)).toEqual(['sessionid', ...(after.length > 1 ? ['disqus_unique'] : [])]);
    expect(inEnglish(reading.unreadRows)).toEqual([unread(3, row, 1)]);
  });

  it('is listed between rows too, not taken for a heading because its purpose names a category', () => {
    const row = 'Matomo _pk_id.* Mesure d’audience, treize mois';
    const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', row, 'Huwise\tcsrftoken\t12 mois\tSécurité'].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'other'],
      ['csrftoken', 'other'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([unread(3, row, 1)]);
  });

  it('takes a title between rows naming cookies in brackets for the heading it is, not for an unread row', () => {
    const title = 'Mesure d’audience avec Matomo (_pk_id.*, _pk_ses.*) et AT Internet';
    const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', title, 'Matomo\t_pk_id.*\t13 mois\tMesure'].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'other'],
      ['_pk_id.', 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  it('is listed under a pipe header too, and its provider need not be one the reader knows', () => {
    const row = 'Acme acme_visitor Mesure d’audience, treize mois';
    const text = [PIPE_HEADER, '| Huwise | sessionid | 2 weeks | Session |', row, '', PROSE].join('\n');
    expect(inEnglish(readCharter(text).unreadRows)).toEqual([unread(4, row, 1)]);
  });

  it('is listed with its name in quotes or backticks, as a copied cell may keep it', () => {
    for (const row of [
      'Acme `acme_visitor` 13 months Audience measurement',
      'Acme « acme_visitor » 13 mois Mesure d’audience',
      'Acme "acme_visitor" 13 mois Mesure',
    ]) {
      const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', row, '', PROSE].join('\n');
      expect(inEnglish(readCharter(text).unreadRows), row).toEqual([unread(3, row, 1)]);
    }
  });

  it('is read when it splits, as before', () => {
    const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', 'Matomo _pk_id.* 13 mois Mesure d’audience', '', PROSE].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.duration])).toEqual([
      ['sessionid', '2 semaines'],
      ['_pk_id.', '13 mois'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });

  it('leaves prose after the table alone, even prose naming a provider or a cookie', () => {
    for (const prose of [
      PROSE,
      // A name in brackets is prose's, never a cell's (review of ce130f4).
      'Google Analytics (_ga) est désactivé sur ce portail depuis 2024.',
      'Matomo est un outil de mesure d’audience respectueux de la vie privée.',
      'Le cookie _pk_id est conservé 13 mois.',
      'Cookies statistiques (_ga, _gid)',
      'Pour en savoir plus : https://www.cnil.fr',
    ]) {
      const text = [TAB_HEADER, 'Huwise\tsessionid\t2 semaines\tSession', '', prose].join('\n');
      expect(readCharter(text).unreadRows, prose).toEqual([]);
    }
  });

  it('looks at a table’s last line once, whatever its length or the number of tables: work linear in the text', () => {
    // The work counted: the words looked for in lines (String.prototype.indexOf), which a row's reading uses.
    const searches = (text: string) => {
      const spy = vi.spyOn(String.prototype, 'indexOf');
      try {
        const reading = readCharter(text);
        return { reading, calls: spy.mock.calls.length };
      } finally {
        spy.mockRestore();
      }
    };
    const rowLike = 'Acme acme_visitor Mesure d’audience treize mois';
    // Many tables, each ending with a row written with spaces; then one such line of 100,000 words.
    const tables = `${TAB_HEADER}\nHuwise\tsessionid\t2 semaines\tSession\n${rowLike}\n\n`.repeat(1_500);
    const long = `${TAB_HEADER}\nHuwise\tsessionid\t2 semaines\tSession\nAcme acme_visitor${' mot'.repeat(100_000)}\n`;
    for (const text of [tables, long]) {
      expect(text.length).toBeGreaterThan(100_000);
      const { reading, calls } = searches(text);
      expect(inEnglish(reading.unreadRows).length).toBe(text === long ? 1 : 1_000 + 1); // the listed ones, then a count of the others
      expect(calls).toBeLessThanOrEqual(text.length / 2);
    }
  });
});

describe('a single-space table whose header names the lifetime “Durée de validité” or has a “Catégorie” column', () => {
  it('reads the table, its lifetimes and the category each row names', () => {
    const text = [
      'Charte cookies',
      'Nom du prestataire Nom du cookie Durée de validité Finalité',
      'Huwise sessionid 2 semaines Maintient la session',
      'Matomo _pk_id.* 13 mois Mesure d’audience',
      '',
      'Supplier name Category Cookie name Function',
      'Matomo Statistics _pk_ses.* Counts visits',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => [found.cookie, found.duration, found.category])).toEqual([
      ['sessionid', '2 semaines', 'other'],
      ['_pk_id.', '13 mois', 'other'],
      ['_pk_ses.', null, 'statistics'],
    ]);
    expect(inEnglish(reading.unreadRows)).toEqual([]);
  });
});

describe('names a pipe cell breaks with <br>', () => {
  it('reads each of them, however it is shaped', () => {
    const text = [
      '## Third-party cookies',
      '| Provider | Cookie name | Duration | Purpose |',
      '|---|---|---|---|',
      '| Vimeo | vuid<br>__cf_bm | 2 years | Embedded<br>videos |',
    ].join('\n');
    expect(readCharter(text).entries.map((found) => [found.cookie, found.purpose])).toEqual([
      ['vuid', 'Embedded videos'],
      ['__cf_bm', 'Embedded videos'],
    ]);
  });
});

describe('a plain note line saying no cookie of a kind is set, or only on a condition (a re-review’s false alarm)', () => {
  /** `line` between the necessary heading and a table, as a note or a title above it (reviewers' models of charter wording, not lines seen on a real portal). */
  const underNecessary = (line: string) =>
    [
      '## Cookies strictement nécessaires',
      '',
      line,
      '',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Site | sec_guard | 30 jours | Détection des robots |',
    ].join('\n');

  it.each([
    'Aucun cookie de suivi',
    'Les cookies de suivi ne sont déposés qu’avec votre consentement',
    'No tracking cookies are set',
    'Aucune donnée de cookies publicitaires',
    // Naming a category, with a verb (a re-review of 0f4a377: a high false "set before the visitor chose").
    'Aucun cookie tiers n’est déposé sur ce site',
    'No analytics cookies are set',
  ])('“%s” keeps the section it is in', (note) => {
    expect(readCharter(underNecessary(note)).entries.map((found) => found.category)).toEqual(['necessary']);
  });

  it.each([
    ['Cookies que nous utilisons', 'other'],
    ['Advertising cookies we use', 'other'],
    ['No-consent cookies', 'other'],
    ['Cookies qui ne sont pas strictement nécessaires', 'other'],
    // A re-review of 0f4a377: these titles were dropped, and the advertising rows under them kept necessary.
    ['Cookies qui ne sont déposés qu’après votre consentement', 'other'],
    ['Cookies qui ne sont pas déposés par nous', 'other'],
    ['No consent cookies', 'other'],
    ['None of the above', 'other'],
    ['Les cookies de mesure d’audience ne sont déposés qu’avec votre accord', 'statistics'],
    // A re-review of 7c28365: a relative clause's negation, and an intro naming a category with a condition.
    ['Les cookies qui ne sont pas exemptés de consentement', 'other'],
    ['Des cookies qui ne sont déposés qu’avec votre accord', 'other'],
    ['Aucun cookie de mesure d’audience n’est déposé sans votre consentement', 'statistics'],
    ['No advertising cookies are set without your consent', 'other'],
    ['Aucun cookie publicitaire n’est déposé sans votre accord', 'other'],
    // A re-review of 432321f: conditions in other words.
    ['Aucun cookie de mesure d’audience n’est déposé sauf accord', 'statistics'],
    ['Aucun cookie de mesure d’audience n’est déposé tant que vous n’avez pas consenti', 'statistics'],
    ['No analytics cookies are set unless you consent', 'statistics'],
    ['No analytics cookies will be set if you refuse', 'statistics'],
    ['No advertising cookies are set prior to your consent', 'other'],
  ])('“%s” still titles a section (%s)', (title, category) => {
    expect(readCharter(underNecessary(title)).entries.map((found) => found.category)).toEqual([category]);
  });
});

describe('“analyse” or “analytical” away from the cookies it would qualify (a re-review of ce334fb)', () => {
  it.each([
    'Analyse de sécurité et prévention de la fraude',
    'Pour en savoir plus sur l’analyse de vos données',
    'No analytical tool reads these',
    'Résultat de l’analyse',
    'Analyse',
  ])('the plain line “%s” keeps the necessary section it is in', (line) => {
    const text = [
      '## Cookies strictement nécessaires',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Site | sessionid | Session | Session |',
      line,
      '| Site | sec_guard | 30 jours | Détection des robots |',
    ].join('\n');
    expect(readCharter(text).entries.map((found) => [found.cookie, found.category])).toEqual([
      ['sessionid', 'necessary'],
      ['sec_guard', 'necessary'],
    ]);
  });

  it('leaves a padded row of security and anti-fraud analysis cookies unread, never statistics', () => {
    const text = [
      '## Cookies strictement nécessaires',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Site | sessionid | Session | Session |',
      '| Cookies de sécurité et d’analyse anti-fraude | | | |',
      '| Site | sec_guard | 30 jours | Détection des robots |',
    ].join('\n');
    const reading = readCharter(text);
    expect(reading.entries.map((found) => found.category)).toEqual(['necessary', 'necessary']);
    expect(new Set(inEnglish(reading.unreadRows).map((row) => row.line))).toEqual(new Set([5]));
  });

  it.each(['Cookies d’analyse d’audience', 'Traceurs d’analyse', 'Analytical trackers', 'Cookies analytiques'])(
    'still reads the heading “%s” as statistics',
    (heading) => {
      const text = [
        `## ${heading}`,
        '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
        '| --- | --- | --- | --- |',
        '| Matomo | _pk_id.* | 13 mois | Mesure |',
      ].join('\n');
      expect(readCharter(text).entries.map((found) => found.category)).toEqual(['statistics']);
    },
  );
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// inline markup a rich-text editor or a markdown author may put around a name, a single-space row listing names with
// spaces, a field continued on an unlabelled line, as review parse8 of 2026-12-06 wrote them.
describe('readCharter: names in inline markup, lists separated by spaces, continued fields', () => {
  const names = (reading: { entries: Array<{ cookie: string; match: string }> }) =>
    reading.entries.map((entry) => (entry.match === 'prefix' ? `${entry.cookie}*` : entry.cookie));
  const PIPE =
    "Charte cookies\n\n## Cookies de mesure d'audience\n\n| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n";

  it('reads a name with a footnote marker, in <code> or <strong>, in italics or in a link, in a pipe table', () => {
    const reading = readCharter(
      PIPE +
        '| Google | _ga<sup>1</sup> | 13 mois | Mesure |\n' +
        '| Google | <code>_gat</code> | 1 minute | Mesure |\n' +
        '| Google | <strong>_gid</strong> | 24 heures | Mesure |\n' +
        '| Huwise | *sessionid* | 2 semaines | Session |\n' +
        '| Huwise | [csrftoken](#csrf) | 12 mois | Sécurité |\n',
    );
    expect({ names: names(reading), unread: reading.unreadRows }).toEqual({
      names: ['_ga', '_gat', '_gid', 'sessionid', 'csrftoken'],
      unread: [],
    });
  });

  it('reads a pipe table row with tabs typed between its cells as markdown too (re-review cells10)', () => {
    const reading = readCharter(
      PIPE + '| Huwise\t| *sessionid*\t| 2 semaines\t| Session |\n' + '| Hotjar\t| *_hjid*\t| 1 an\t| Mesure |\n',
    );
    expect({
      names: names(reading),
      purposes: reading.entries.map((entry) => entry.purpose),
      unread: reading.unreadRows,
    }).toEqual({ names: ['sessionid', '_hjid'], purposes: ['Session', 'Mesure'], unread: [] });
  });

  it('reads every name of a single-space row listing them with spaces', () => {
    const reading = readCharter(
      "Charte cookies\n\n## Cookies statistiques\n\nNom du prestataire Nom du cookie Durée Finalité\nGoogle Analytics _ga _gid 13 mois Mesure d'audience\nMatomo _pk_id.* _pk_ses.* 13 mois Mesure\n",
    );
    expect({ names: names(reading), durations: reading.entries.map((entry) => entry.duration), unread: reading.unreadRows }).toEqual({
      names: ['_ga', '_gid', '_pk_id.*', '_pk_ses.*'],
      durations: ['13 mois', '13 mois', '13 mois', '13 mois'],
      unread: [],
    });
  });

  it('joins a purpose continued on the next line of a one-field-per-line record', () => {
    const reading = readCharter(
      "Charte cookies\n\n### Cookies statistiques\n\nNom du prestataire : Matomo\nNom du cookie : _pk_id.*\nDurée : 13 mois\nFinalité : Mesure d'audience\nanonyme et agrégée.\nNom du prestataire : Google\nNom du cookie : _ga\nDurée : 13 mois\nFinalité : Mesure\n",
    );
    expect(reading.entries.map((entry) => [entry.cookie, entry.purpose])).toEqual([
      ['_pk_id.', "Mesure d'audience anonyme et agrégée."],
      ['_ga', 'Mesure'],
    ]);
    expect(reading.unreadRows).toEqual([]);
  });
});

describe('asterisks and inline placeholders in a name cell, by the kind of text it came from (a re-review of 0e0456b)', () => {
  const names = (charter: string) => readCharter(charter).entries.map((e) => (e.match === 'prefix' ? `${e.cookie}*` : e.cookie));

  it('a tab row shows its asterisks as written: `*_hj*` is not the exact name `_hj`, and the row stays unread', () => {
    const reading = readCharter(
      'Charte cookies\n\nCookies statistiques\n\nNom du prestataire\tService et emplacement\tNom du cookies\tFinalités\nHotjar\tStatistiques\t*_hj*\tMesure\n',
    );
    expect(reading.entries).toEqual([]);
    expect(reading.unreadRows).toHaveLength(1);
  });

  it('a pipe table is markdown: `*_hj*` is `_hj` in italics', () => {
    expect(
      names(
        'Charte cookies\n\n## Cookies statistiques\n\n| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Hotjar | *_hj* | 1 an | Mesure |\n',
      ),
    ).toEqual(['_hj']);
  });

  it('a placeholder in inline markup keeps the family', () => {
    expect(
      names(
        "Charte cookies\n\n## Cookies de mesure d'audience\n\n| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Google | _ga_<var>ID</var> | 13 mois | Mesure |\n| Google | _ga_<i>CONTAINER-ID</i> | 13 mois | Mesure |\n",
      ),
    ).toEqual(['_ga_*', '_ga_*']);
  });
});
