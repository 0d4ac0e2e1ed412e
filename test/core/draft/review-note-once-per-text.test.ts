/**
 * An exact third-party entry of a platform cookie's name that both the portal's own cookie and a
 * frame's matched is written twice (third-party-platform-name-seen-by-both.test.ts), each row in
 * the charter's words. In a draft of another language both rows are marked to translate, but the
 * list to review says so once: two identical items would be a reader's noise, not two facts.
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
import { draftHtml } from '../../../src/core/draft/draft-html.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import { auditSite, charterEntry, playSite } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const charter: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [charterEntry('csrftoken', { category: 'third-party', duration: '1 mois' })],
};
const site = playSite(HOST, [
  { name: 'csrftoken', days: 365 },
  { name: 'csrftoken', days: 7, domain: 'widget.example.org', context: { via: 'frame' } },
]);
const draft = draftCharter([auditSite(site, charter)], { language: 'en' });
const repeated = (items: string[]) => items.filter((item, index) => items.indexOf(item) !== index);

describe('an entry written for both sides, in a draft of another language', () => {
  it('marks both rows to translate', () => {
    const rows = draft.rows.filter((row) => row.entry.cookie === 'csrftoken');
    expect(rows.map((row) => `${row.entry.category} ${row.marks.includes('to-translate')}`)).toEqual([
      'necessary true',
      'third-party true',
    ]);
  });

  it('gives each review note once, in Markdown and in HTML', () => {
    const markdownItems = draftMarkdown(draft)
      .split('\n')
      .filter((line) => /^\d+\. /.test(line))
      .map((line) => line.replace(/^\d+\. /, ''));
    const htmlItems = [...draftHtml(draft).matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]!);
    for (const items of [markdownItems, htmlItems]) {
      expect(items.filter((item) => item.startsWith('To translate: csrftoken'))).toHaveLength(1);
      expect(repeated(items)).toEqual([]);
    }
  });
});
