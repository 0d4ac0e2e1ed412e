/**
 * The charter pages the demo portal serves at /terms/cookies-policy/, rendered like the
 * platform's (a "Download as PDF" link, markdown-rendered headings, one table per section).
 */

/** One section of a charter: its heading, its table header and its rows. */
export type CharterSection = { heading: string; header: string[]; rows: string[][] };

const NEW_TEMPLATE = ['Nom du prestataire', 'Nom du cookie', 'Durée', 'Finalité'];
const OLD_TEMPLATE = ['Nom du prestataire', 'Service et emplacement', 'Nom du cookies', 'Finalités'];

/** The charter of the demo portals (not bundled): the newer template, with durations. */
export const DEMO_CHARTER: CharterSection[] = [
  {
    heading: 'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
    header: NEW_TEMPLATE,
    rows: [
      ['Huwise', 'sessionid', '2 semaines', "Se souvenir de l'utilisateur d'une page à une autre"],
      ['Huwise', 'csrftoken', '12 mois', 'Récupérer des données via des appels API'],
      ['Huwise', 'django_language', '12 mois', 'Se souvenir de la langue du visiteur'],
      ['Huwise', 'cookies_preferences', '6 mois', 'Se souvenir du choix opéré par le visiteur concernant les cookies'],
    ],
  },
  {
    heading: "Cookies de mesure d'audience (statistiques)",
    header: NEW_TEMPLATE,
    rows: [
      // Shorter than Matomo's default 13 months: the audit reports the cookie living longer.
      ['Matomo', '_pk_id.*', '6 mois', 'Identifier le visiteur de façon anonyme pour mesurer la fréquentation'],
      ['Matomo', '_pk_ses.*', '30 minutes', 'Regrouper les pages vues au cours d’une même visite'],
      ['Google', '_ga', '13 mois', 'Mesure d’audience (Google Analytics)'],
    ],
  },
];

/** A bundled portal's charter as it reads live today: Matomo was added, one purpose reworded. */
export const CHANGED_TCO_CHARTER: CharterSection[] = [
  {
    heading: 'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
    header: OLD_TEMPLATE,
    rows: [
      ['Opendatasoft', 'Authentification (front et back office)', 'sessionid', "Se souvenir de l'utilisateur d'une page à une autre."],
      ['Opendatasoft', 'Sélection de la langue (front et back office)', 'django_language', 'Se souvenir de la langue du visiteur'],
      ['Opendatasoft', 'API (CSRF) (front et back office)', 'csrftoken', 'Protéger les appels API contre la falsification de requêtes'],
      ['Opendatasoft', 'Choix concernant vos préférences sur les cookies', 'cookies_preferences', 'Se souvenir du choix opéré par le visiteur concernant les cookies'],
    ],
  },
  {
    heading: "Cookies de mesure d'audience",
    header: OLD_TEMPLATE,
    rows: [['Matomo', 'Statistiques de fréquentation', '_pk_id.*, _pk_ses.*', "Mesurer l'audience du portail"]],
  },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The HTML page of a charter, as the platform renders it. */
export function charterPage(host: string, sections: CharterSection[]): string {
  const tables = sections
    .map(
      ({ heading, header, rows }) => `<h4>${escapeHtml(heading)}</h4>
<table>
<thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Charte cookies — ${escapeHtml(host)}</title>
<script>window.__platform = { analytics: true };</script>
<style>table { border-collapse: collapse }</style></head>
<body>
<header><a href="/">${escapeHtml(host)}</a></header>
<main class="ods-terms">
<p><a href="/terms/cookies-policy/pdf/">Download as PDF</a></p>
<h2>Charte cookies</h2>
<p>Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.</p>
<h3>Qu'est ce qu'un cookie ?</h3>
<p>Un &quot;cookie&quot; est une suite d'informations, généralement de petite taille et identifié par un nom, qui peut être transmis à votre navigateur par un site web sur lequel vous vous connectez.</p>
<h3>A quoi servent les cookies sur la plateforme &lt;https://${escapeHtml(host)}&gt;</h3>
${tables}
</main>
</body></html>`;
}
