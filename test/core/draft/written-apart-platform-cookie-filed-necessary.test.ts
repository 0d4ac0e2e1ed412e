/**
 * The charter declares the portal's csrftoken by a prefix, `csrf*`, filed elsewhere than the
 * strictly necessary cookies (under statistics, say). An embedded widget sets a csrftoken of its
 * own, so the portal's is written apart under its exact name (own-cookie-under-prefix-beside-
 * embedded-row.test.ts). The platform's cookies are always strictly necessary: the row written
 * apart is filed there and marked moved, as an exact `csrftoken` entry under statistics is.
 *
 * Our model, not a portal seen (no network here): the platform's four cookies and their Django
 * names are ../shared/guides/charter-formats.md's; a frame of another Django site (an embedded
 * widget or player) setting its own cookie of such a name is what browsers would record as
 * embedded content's, and a charter declaring them by a prefix (`csrf*`) or under third parties
 * is a shape the parser reads (README, "Drafting a corrected charter"), not one a bundled charter has.
 */
import { describe, expect, it } from 'vitest';
import type { Category, ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { auditSite, charterEntry, playSite, type PlayedCookie } from '../../support/charter-audit.ts';
import { findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const own: PlayedCookie = { name: 'csrftoken', days: 300 };
const widget: PlayedCookie = { name: 'csrftoken', days: 7, domain: 'widget.example.org', context: { via: 'frame' } };
const charterFiling = (entry: 'csrf' | 'csrftoken', category: Category): ParsedCharter => ({
  portal: HOST,
  language: 'en',
  entries: [charterEntry(entry, { match: entry === 'csrf' ? 'prefix' : 'exact', category })],
});
const ownRow = (draft: CharterDraft) => {
  const row = draft.rows.find((candidate) => candidate.entry.cookie === 'csrftoken' && candidate.entry.match === 'exact')!;
  return `${row.entry.category} [${row.marks.join(',')}]`;
};

describe('the portal’s platform cookie written apart from a prefix filed elsewhere than necessary', () => {
  it.each(['statistics', 'other'] as const)('is filed as necessary and marked moved, as an exact entry under %s is', (category) => {
    const site = playSite(HOST, [own, widget]);
    const exact = draftCharter([auditSite(playSite(HOST, [own]), charterFiling('csrftoken', category))]);
    expect(ownRow(exact)).toBe('necessary [moved-to-necessary]');

    const before = auditSite(site, charterFiling('csrf', category));
    const draft = draftCharter([before]);
    expect(ownRow(draft)).toBe('necessary [written-apart,moved-to-necessary]');
    expect(draftMarkdown(draft)).toContain('Moved: csrftoken is one of the platform');
    // Written before the widget's third-party row, and judged as before.
    const rows = draft.rows.filter((row) => row.entry.cookie === 'csrftoken').map((row) => row.entry.category);
    expect(rows).toEqual(['necessary', 'third-party']);
    const after = reaudit(site, draft);
    expect(findingLabels(after).filter((finding) => !findingLabels(before).includes(finding))).toEqual([]);
  });

  it('under a prefix filed as necessary, is not marked moved', () => {
    const draft = draftCharter([auditSite(playSite(HOST, [own, widget]), charterFiling('csrf', 'necessary'))]);
    expect(ownRow(draft)).toBe('necessary [written-apart]');
  });
});
