/**
 * The charter pages the demo portal serves at /terms/cookies-policy/ (guide: the platform's
 * path). Their words and tables follow the guide and the received charters; their markup is
 * this model's own, as no real charter page's HTML was captured (see charterPage). Each modelled
 * behaviour names its source; "guide" is the team's charter formats guide (charter-formats.md:
 * Opendatasoft's public documentation and portal pages), "issue 11" the review of what real
 * portals write, charters/*.txt the five real charters' text as received.
 */

/** One section of a charter: its category label, how the page writes it, its table. */
export type CharterSection = {
  /** The category as the page names it ("Cookies strictement nécessaires"). */
  category: string;
  /**
   * New template: the category opens a paragraph, this sentence after it, then the table
   * (guide: "Strictly necessary cookies: These cookies are necessary to …" on one line).
   * Old template: null, the category is a heading above the table.
   */
  description: string | null;
  /** The table's header cells. */
  header: string[];
  /** The table's rows. */
  rows: string[][];
};

/** Guide: the new template's columns (Supplier name | Cookie name | Duration | Function), in French. */
const NEW_TEMPLATE = ['Nom du prestataire', 'Nom du cookie', 'Durée', 'Finalité'];
/** Guide and charters/*.txt: the old template's columns. */
const OLD_TEMPLATE = ['Nom du prestataire', 'Service et emplacement', 'Nom du cookies', 'Finalités'];

/**
 * The charter of the demo portals (not bundled), in the new template with paragraph categories.
 * The platform's four cookies with the lifetimes the platform publishes (guide: sessionid 2 weeks
 * by default, csrftoken up to 12 months and renewed with the session, cookies_preferences 6
 * months, django_language 12 months and only on multilingual portals), then Matomo and Google
 * Analytics, the trackers an administrator can switch on (guide).
 */
export const DEMO_CHARTER: CharterSection[] = [
  {
    category: 'Cookies strictement nécessaires',
    description: 'Ces cookies sont nécessaires au fonctionnement de la plateforme et ne peuvent pas être désactivés.',
    header: NEW_TEMPLATE,
    rows: [
      ['Huwise', 'sessionid', '2 semaines par défaut', "Se souvenir de l'utilisateur d'une page à une autre"],
      // Guide and issue 11: the real charter writes this lifetime as a sentence, which single-space copies must still split.
      [
        'Huwise',
        'csrftoken',
        "Jeton renouvelé à chaque session. Jusqu'à 12 mois",
        'Protéger les formulaires et les appels API contre la falsification de requêtes',
      ],
      // Guide: a conditional note inside the function text.
      [
        'Huwise',
        'django_language',
        '12 mois',
        'Se souvenir de la langue du visiteur, uniquement lorsque le portail est disponible en plusieurs langues',
      ],
      ['Huwise', 'cookies_preferences', '6 mois', 'Se souvenir du choix opéré par le visiteur concernant les cookies'],
    ],
  },
  {
    category: "Cookies de mesure d'audience",
    description: 'Ces cookies nous permettent de mesurer la fréquentation du portail, avec votre accord.',
    header: NEW_TEMPLATE,
    rows: [
      // Shorter than Matomo's default 13 months: the audit reports the cookie living longer.
      ['Matomo', '_pk_id.*', '6 mois', 'Identifier le visiteur de façon anonyme pour mesurer la fréquentation'],
      ['Matomo', '_pk_ses.*', '30 minutes', 'Regrouper les pages vues au cours d’une même visite'],
      ['Google Analytics', '_ga', '13 mois', 'Mesure d’audience (Google Analytics)'],
    ],
  },
];

/**
 * A made-up later version of a bundled portal's charter, to play a live charter that differs from
 * the bundled copy: Matomo added and csrftoken's purpose reworded by this model, not read from
 * data.tco.re's live page. Still the old template with heading categories, as data.tco.re's own
 * (charters/data.tco.re.txt).
 */
export const CHANGED_TCO_CHARTER: CharterSection[] = [
  {
    category: 'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
    description: null,
    header: OLD_TEMPLATE,
    rows: [
      ['Opendatasoft', 'Authentification (front et back office)', 'sessionid', "Se souvenir de l'utilisateur d'une page à une autre."],
      ['Opendatasoft', 'Sélection de la langue (front et back office)', 'django_language', 'Se souvenir de la langue du visiteur'],
      ['Opendatasoft', 'API (CSRF) (front et back office)', 'csrftoken', 'Protéger les appels API contre la falsification de requêtes'],
      [
        'Opendatasoft',
        'Choix concernant vos préférences sur les cookies',
        'cookies_preferences',
        'Se souvenir du choix opéré par le visiteur concernant les cookies',
      ],
    ],
  },
  {
    category: "Cookies de mesure d'audience",
    description: null,
    header: OLD_TEMPLATE,
    rows: [['Matomo', 'Statistiques de fréquentation', '_pk_id.*, _pk_ses.*', "Mesurer l'audience du portail"]],
  },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A section: its category as a paragraph label (new template) or a heading (old), then its table. */
function sectionHtml({ category, description, header, rows }: CharterSection): string {
  const label =
    description === null
      ? `<h4>${escapeHtml(category)}</h4>`
      : `<p><strong>${escapeHtml(category)} :</strong> ${escapeHtml(description)}</p>`;
  // This model's markup, not the platform's (never captured): the `ods-table` class and the
  // AngularJS directive attributes holding expressions with ">" (ng-if, ng-class) are made up after
  // the platform's front-end library, a set of AngularJS directives (https://github.com/opendatasoft/ods-widgets),
  // to put ">" inside attributes. The inline handler on an icon is issue 11's hostile case: the old
  // regex tokenizer ended the tag at its first ">" and leaked the rest into the charter's words.
  const cells = (row: string[], tag: 'th' | 'td') =>
    row
      .map((cell, index) =>
        index === row.length - 1 && tag === 'td'
          ? `<${tag} ng-class="{ 'is-long': text.length > 80 }" title="${escapeHtml(cell)} > …"><img src="/static/icons/info.svg" alt="" onerror="if (this.naturalWidth > 0 || window.innerWidth > 0) this.hidden = true">${escapeHtml(cell)}</${tag}>`
          : `<${tag}>${escapeHtml(cell)}</${tag}>`,
      )
      .join('');
  return `${label}
<table class="ods-table" ng-if="cookies.length > 0">
<thead><tr>${cells(header, 'th')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('\n')}
</tbody>
</table>`;
}

/**
 * The HTML page of a charter. From the guide: the path, and the preambles "Download as PDF" and
 * a last-update line ("Last update: ...", here in French). From charters/*.txt: the title
 * "Charte cookies", the introduction, "Qu'est ce qu'un cookie ?" and the heading that ends with
 * the portal's URL in angle brackets (the received texts write it so; whether a live page shows
 * the brackets is not known). This model's invention: every element and attribute, the heading
 * levels, the header and footer, the PDF link's address, the date, the scripts and the
 * `<template>`.
 */
export function charterPage(host: string, sections: CharterSection[]): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Charte cookies — ${escapeHtml(host)}</title>
<script>window.__platform = { analytics: true }; if (window.innerWidth > 0) { document.documentElement.dataset.wide = 'true'; }</script>
<style>table { border-collapse: collapse } td > img { width: 1em }</style></head>
<body>
<header class="ods-header"><a href="/">${escapeHtml(host)}</a> <nav><a href="/explore/">Données</a> · <a href="/terms/cookies-policy/">Charte cookies</a></nav></header>
<main class="ods-terms">
<p><a href="/terms/cookies-policy/pdf/"><svg viewBox="0 0 16 16" aria-hidden="true"><title>PDF</title><path d="M0 0h16v16H0z"/></svg>Download as PDF</a></p>
<h2>Charte cookies</h2>
<p>Dernière mise à jour : 29 septembre 2025</p>
<p>Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.</p>
<h3>Qu'est ce qu'un cookie ?</h3>
<p>Un &quot;cookie&quot; est une suite d'informations, généralement de petite taille et identifié par un nom, qui peut être transmis à votre navigateur par un site web sur lequel vous vous connectez.</p>
<h3>A quoi servent les cookies sur la plateforme &lt;https://${escapeHtml(host)}&gt;</h3>
${sections.map(sectionHtml).join('\n')}
<template><p>Cookies tiers : ces cookies ne sont jamais affichés</p></template>
</main>
<footer class="ods-footer"><a href="/terms/cookies-policy/">Gestion des cookies</a> · Propulsé par Huwise</footer>
<script>document.querySelectorAll('td').forEach((cell) => { if (cell.textContent.length > 80) cell.classList.add('is-long'); });</script>
</body></html>`;
}
