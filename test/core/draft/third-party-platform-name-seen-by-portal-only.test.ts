/**
 * A charter's only `sessionid` row is Disqus's, under "Cookies tiers"; its necessary section has
 * `csrftoken` alone. The portal's own sessionid answers to Disqus's row (a charter whose only row
 * of a name is third-party still declares the portal's own: README, Limits). A draft made from the
 * portal's run alone writes that cookie as strictly necessary, and keeps Disqus's row under third
 * parties in the charter's words, marked not observed: read back, a Disqus frame's sessionid,
 * which only the third-party section may declare (core/registry/match.ts), is still declared.
 *
 * Our model, not a portal seen (no network here): the re-reviewer's charter of 2026-12-06; a
 * Disqus frame setting a cookie named like the platform's is what browsers would record as
 * embedded content's.
 */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { auditSite, playSite } from '../../support/charter-audit.ts';
import { findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const HEADER = '| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|';
const CHARTER = `# Charte cookies

## Cookies nécessaires au bon fonctionnement

${HEADER}
| Huwise | csrftoken | 12 mois | Sécurité |

## Cookies tiers

${HEADER}
| Disqus | sessionid, disqus_unique | Session | Commentaires |
`;
const charter = parseCharter(CHARTER);
const portal = playSite(
  HOST,
  [
    { name: 'sessionid', days: 14 },
    { name: 'csrftoken', days: 364 },
  ],
  'accepted',
);
const frame = playSite(
  HOST,
  [
    { name: 'csrftoken', days: 364 },
    { name: 'sessionid', days: null, domain: '.disqus.com', context: { via: 'frame' } },
  ],
  'accepted',
);
const rows = (draft: CharterDraft) =>
  draft.rows
    .filter((row) => row.entry.cookie === 'sessionid')
    .map((row) => `${row.entry.category} ${row.entry.provider} ${row.entry.duration} [${row.marks.join(',')}]`);

describe('a platform cookie’s name whose only row is a third party’s, drafted from the portal’s run alone', () => {
  const draft = draftCharter([auditSite(portal, charter)]);

  it('writes the portal’s cookie as necessary and keeps the third party’s row, as declared, marked not observed', () => {
    expect(rows(draft)).toEqual([
      'necessary Disqus 2 semaines [duration-observed,moved-to-necessary]',
      'third-party Disqus Session [not-observed]',
    ]);
  });

  it('audited again against the draft, a Disqus frame’s sessionid is declared, as the charter declared it', () => {
    const undeclaredSessionid = (labels: string[]) => labels.filter((finding) => finding.startsWith('undeclared sessionid'));
    expect(undeclaredSessionid(findingLabels(auditSite(frame, charter)))).toEqual([]);
    expect(undeclaredSessionid(findingLabels(reaudit(frame, draft)))).toEqual([]);
  });

  it('audited again against the draft, the portal’s run has no undeclared nor lifetime finding', () => {
    const labels = findingLabels(reaudit(portal, draft));
    expect(labels.filter((finding) => finding.startsWith('undeclared') || finding.startsWith('lifetime'))).toEqual([]);
  });
});

/**
 * A charter whose only section is a third-party one ("Cookies propriétaires et tiers", "Cookies
 * tiers") whose rows of the platform's names are the portal's own, under its own name: a real
 * shape (README, Limits). The draft moves them to the strictly necessary ones and keeps no
 * third-party row of them when no embedded content's cookie was seen: kept, not observed, they
 * made "not-seen" findings the charter did not.
 */
describe('a charter whose only section is a third-party one, drafted from the portal’s run alone', () => {
  const charters = {
    'Cookies propriétaires et tiers': `# Charte cookies

## Cookies propriétaires et tiers

${HEADER}
| La Métropole | sessionid | 2 semaines | Session |
| La Métropole | csrftoken | 12 mois | Sécurité |
| La Métropole | django_language | Session | Langue |
| La Métropole | cookies_preferences | 12 mois | Choix |
`,
    'Cookies tiers': `# Charte cookies

## Cookies tiers

${HEADER}
| ODS | sessionid | 2 semaines | Session |
| ODS | csrftoken | 12 mois | Sécurité |
| Matomo | _pk_id | 13 mois | Mesure |
`,
  };
  const notSeen = (labels: string[]) => labels.filter((finding) => finding.startsWith('not-seen'));

  it.each(Object.entries(charters))(
    '%s: the platform’s names are necessary rows alone, and no new "not-seen" finding',
    (_section, text) => {
      const charter = parseCharter(text);
      expect(new Set(charter.entries.map((entry) => entry.category))).toEqual(new Set(['third-party']));
      for (const consent of ['accepted', 'refused'] as const) {
        const site = playSite(
          HOST,
          [
            { name: 'sessionid', days: 14 },
            { name: 'csrftoken', days: 364 },
            { name: 'django_language', days: null },
          ],
          consent,
        );
        const report = auditSite(site, charter);
        const draft = draftCharter([report]);
        const thirdParty = draft.rows.filter((row) => row.entry.category === 'third-party').map((row) => row.entry.cookie);
        expect(
          thirdParty.filter((cookie) => ['sessionid', 'csrftoken', 'django_language', 'cookies_preferences'].includes(cookie)),
        ).toEqual([]);
        expect(notSeen(findingLabels(reaudit(site, draft)))).toEqual(notSeen(findingLabels(report)));
      }
    },
  );
});
