/**
 * A declared duration shorter than observed is replaced by the observed one; the review list
 * quotes the charter's own words. When those words are too long for a cell, only the quote is
 * shortened: the duration the row writes is whole, so neither the row nor the list may say it was cut.
 */
import { expect, it } from 'vitest';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import { auditSite, charterEntry, playSite } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';

it('a too-long stated duration replaced by the observed one marks nothing cut, and its quote ends with "…"', () => {
  // Read as one day (the parentheses are noise): the 30-day cookie outlives it.
  const stated = `1 jour ${'('.repeat(4_600)}`;
  const charter = {
    portal: HOST,
    language: 'fr' as const,
    entries: [charterEntry('foo', { duration: stated, category: 'statistics', provider: 'X' })],
  };
  const report = auditSite(playSite(HOST, [{ name: 'foo', days: 30 }]), charter);
  expect(report.findings.map((finding) => finding.kind)).toContain('lifetime');

  const draft = draftCharter([report]);
  const row = draft.rows.find((candidate) => candidate.entry.cookie === 'foo')!;
  expect(row.marks).toContain('duration-observed');
  expect(row.entry.duration).toBe('1 mois');
  expect(row.marks).not.toContain('text-cut');
  expect(row.cut).toBeUndefined();
  // The quote of the charter's words is shortened, and says so itself.
  expect(row.statedDuration!.startsWith('1 jour (')).toBe(true);
  expect(row.statedDuration!.endsWith('…')).toBe(true);
  expect(row.statedDuration!.length).toBeLessThan(stated.length);

  const page = draftMarkdown(draft);
  expect(page).not.toContain('Texte coupé');
  expect(page).not.toContain('texte coupé');
});
