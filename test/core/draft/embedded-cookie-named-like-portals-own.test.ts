/**
 * The portal sets a cookie of its own, and embedded content one of the same name (not one of the
 * platform's four): data.tco.re's real charter declares neither, its own script tests cookie
 * support with `testCookie`, and Disqus's comments frame sets its `testCookie` on .disqus.com,
 * which the known-tracker table binds to Disqus. The draft writes two rows: the portal's own in
 * its section with its own lifetime, Disqus's under third parties; read back, each cookie answers
 * to its own row (the matcher takes embedded content's in the third-party section, the portal's
 * outside it: core/registry/match.ts).
 *
 * Our model, not a visit (no network here): the charter is the real one; the two cookies and
 * their lifetimes are a shape the known-tracker table's Disqus entries describe.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCharterPageReading } from '../../../src/core/charter/live.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftHtml } from '../../../src/core/draft/draft-html.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { auditSite, playSite, type PlayedCookie } from '../../support/charter-audit.ts';
import { cookieAnswers, findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'data.tco.re';
const charter = parseCharter(readFileSync(fileURLToPath(new URL('../../../charters/data.tco.re.txt', import.meta.url)), 'utf8'));
const portals: PlayedCookie = { name: 'testCookie', days: 2 };
const disqus: PlayedCookie = { name: 'testCookie', days: 300, domain: '.disqus.com', context: { via: 'frame' } };
const session: PlayedCookie = { name: 'sessionid', days: 14 };

const rowsOf = (draft: CharterDraft, name: string) =>
  draft.rows
    .filter((row) => row.entry.cookie === name)
    .map(
      (row) =>
        `${row.entry.category} | ${row.entry.provider} | ${row.entry.duration} | ${(row.embeddedBy ?? []).join(',')} [${row.marks.join(',')}]`,
    );

describe('a cookie the portal sets itself and embedded content sets too, of one name', () => {
  const site = playSite(HOST, [session, portals, disqus], 'accepted');
  const draft = draftCharter([auditSite(site, charter)]);

  it('is written twice: the portal’s own with its lifetime, embedded content’s under third parties with its provider', () => {
    expect(rowsOf(draft, 'testCookie')).toEqual([
      'third-party | Disqus | 10 mois | disqus.com [to-review]',
      'other | Prestataire inconnu | 2 jours |  [to-review]',
    ]);
  });

  it('reads back as those two rows, and audited again each cookie answers to its own', () => {
    const meant = draft.rows.map((row) => row.entry);
    expect(readCharterPageReading(draftMarkdown(draft), 'text/markdown').entries).toEqual(meant);
    expect(readCharterPageReading(draftHtml(draft), 'text/html').entries).toEqual(meant);
    const again = reaudit(site, draft);
    expect(cookieAnswers(again).filter((answer) => answer.startsWith('testCookie'))).toEqual([
      'testCookie .disqus.com: charter third-party, Disqus, Vérifie si le navigateur accepte les cookies tiers., 10 mois',
      'testCookie data.tco.re: charter other, Prestataire inconnu, Finalité inconnue, à décrire, 2 jours',
    ]);
    expect(findingLabels(again).filter((finding) => finding.startsWith('undeclared') || finding.startsWith('lifetime'))).toEqual([]);
  });

  // Each side's cookie is seen through its own row alone (core/registry/match.ts charterEntriesSeen), so the
  // other side's row is not seen, and the report calls it so: until 2026-12-06 the portal's own testCookie
  // counted as Disqus's too, and the draft kept Disqus's row unmarked from a run that never saw it.
  it('drafted again from a run that saw one side only, keeps both rows, neither called a repeat, the other side’s marked not observed', () => {
    const readBack = readCharterPageReading(draftMarkdown(draft), 'text/markdown');
    for (const [seen, rows] of [
      [portals, ['third-party | Disqus | 10 mois |  [not-observed]', 'other | Prestataire inconnu | 2 jours |  []']],
      [disqus, ['third-party | Disqus | 10 mois |  []', 'other | Prestataire inconnu | 2 jours |  [not-observed]']],
    ] as const) {
      const run = auditSite(playSite(HOST, [session, seen], 'accepted'), readBack);
      expect(rowsOf(draftCharter([run]), 'testCookie')).toEqual(rows);
    }
  });
});

describe('a name seen on one side only, or filed under third parties on both', () => {
  it('the portal’s own alone, or embedded content’s alone: one row, as before', () => {
    const own = draftCharter([auditSite(playSite(HOST, [session, portals], 'accepted'), charter)]);
    expect(rowsOf(own, 'testCookie')).toEqual(['other | Prestataire inconnu | 2 jours |  [to-review]']);
    const embedded = draftCharter([auditSite(playSite(HOST, [session, disqus], 'accepted'), charter)]);
    expect(rowsOf(embedded, 'testCookie')).toEqual(['third-party | Disqus | 10 mois | disqus.com [to-review]']);
  });

  it('the portal’s own filed under third parties as well (Meta’s `_fbp`): one row, the portal’s, the longer lifetime', () => {
    const site = playSite(
      HOST,
      [session, { name: '_fbp', days: 90 }, { name: '_fbp', days: 120, domain: '.facebook.com', context: { via: 'frame' } }],
      'accepted',
    );
    const draft = draftCharter([auditSite(site, charter)]);
    expect(draft.rows.filter((row) => row.entry.cookie === '_fbp').map((row) => [row.entry.category, row.embeddedBy])).toEqual([
      ['third-party', undefined],
    ]);
  });
});
