/**
 * The charter declares the portal's csrftoken by a prefix, `csrf*` (strictly necessary). An
 * embedded widget sets a csrftoken of its own, which only a third-party entry may declare
 * (core/registry/match.ts), so the draft adds a third-party row `csrftoken` for it. An exact name
 * beats a prefix, and the portal's own cookie may match any section: read back, that row would
 * declare the portal's csrftoken as the widget's, and judge it by the widget's lifetime. The draft
 * writes the portal's own a row of its own before it, in the words of the entry that declared it.
 *
 * Our model, not a portal seen (no network here): the platform's four cookies and their Django
 * names are ../shared/guides/charter-formats.md's; a frame of another Django site (an embedded
 * widget or player) setting its own cookie of such a name is what browsers would record as
 * embedded content's, and a charter declaring them by a prefix (`csrf*`) or under third parties
 * is a shape the parser reads (README, "Drafting a corrected charter"), not one a bundled charter has.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { Report } from '../../../src/core/report/report.ts';
import { auditSite, playSite, type PlayedCookie } from '../../support/charter-audit.ts';
import { cookieAnswers, findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const charter: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    {
      provider: 'Huwise',
      service: null,
      cookie: 'csrf',
      match: 'prefix',
      purpose: 'Jetons anti-CSRF',
      duration: '1 an',
      category: 'necessary',
    },
  ],
};
const widget: PlayedCookie = { name: 'csrftoken', days: 7, domain: 'widget.example.org', context: { via: 'frame' } };
const ownAnswers = (report: Report) => cookieAnswers(report).filter((answer) => answer.startsWith(`csrftoken ${HOST}:`));

describe('the portal’s own cookie under a prefix, and embedded content’s of the same name', () => {
  const site = playSite(HOST, [{ name: 'csrftoken', days: 360 }, widget]);
  const before = auditSite(site, charter);
  const draft = draftCharter([before]);

  it('is written apart, before the embedded row, in the words of the prefix that declared it', () => {
    const rows = draft.rows.filter((row) => row.entry.cookie.startsWith('csrf'));
    expect(
      rows.map((row) => `${row.entry.category} ${row.entry.cookie} ${row.entry.match} ${row.entry.provider} [${row.marks.join(',')}]`),
    ).toEqual([
      'necessary csrf prefix Huwise []',
      'necessary csrftoken exact Huwise [written-apart]',
      'third-party csrftoken exact widget.example.org [to-review]',
    ]);
    expect(rows[1]!.writtenApartFrom).toBe('csrf*');
    expect(rows[1]!.entry).toMatchObject({ purpose: 'Jetons anti-CSRF', duration: '1 an' });
    expect(draftMarkdown(draft)).toContain('Écrit à part\u202f: le csrftoken du portail est déclaré par csrf\\*.');
  });

  it('audited again against the draft, the portal’s csrftoken is judged as before, with no new finding', () => {
    const after = reaudit(site, draft);
    expect(ownAnswers(after)).toEqual(ownAnswers(before));
    expect(findingLabels(after).filter((finding) => !findingLabels(before).includes(finding))).toEqual([]);
    expect(findingLabels(after).filter((finding) => finding.startsWith('lifetime'))).toEqual([]);
  });

  it('is not written when the portal set no csrftoken: the embedded row alone', () => {
    const alone = draftCharter([auditSite(playSite(HOST, [widget]), charter)]);
    expect(alone.rows.filter((row) => row.entry.cookie === 'csrftoken').map((row) => row.entry.category)).toEqual(['third-party']);
  });
});
