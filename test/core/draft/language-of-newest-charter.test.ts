/**
 * Two runs may read the charter before and after the operator translated it. The rows take the
 * words of the charter read last (gather-runs.ts); the draft is written in that charter's
 * language, and any row that keeps words of another charter's language is marked to translate.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { NOW_MS, playSite, registryWith } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const french: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    {
      provider: 'Huwise',
      service: null,
      cookie: 'foo',
      match: 'exact',
      purpose: 'Se souvenir de foo',
      duration: '6 mois',
      category: 'necessary',
    },
    {
      provider: 'Huwise',
      service: null,
      cookie: 'bar',
      match: 'exact',
      purpose: 'Se souvenir de bar',
      duration: '6 mois',
      category: 'necessary',
    },
  ],
};
// The translation, which no longer declares `bar`.
const english: ParsedCharter = {
  portal: HOST,
  language: 'en',
  entries: [
    {
      provider: 'Huwise',
      service: null,
      cookie: 'foo',
      match: 'exact',
      purpose: 'Remembers foo',
      duration: '6 months',
      category: 'necessary',
    },
  ],
};
const cookies = [
  { name: 'foo', days: 10 },
  { name: 'bar', days: 10 },
];
const older = buildReport(playSite(HOST, cookies, 'accepted'), registryWith(HOST, french), NOW_MS);
const newer = buildReport(playSite(HOST, cookies, 'refused'), registryWith(HOST, english), NOW_MS + 60_000);
const rowOf = (draft: CharterDraft, cookie: string) => draft.rows.find((row) => row.entry.cookie === cookie)!;

describe('a charter translated between two runs', () => {
  it('drafts in the language of the charter read last, whichever run comes first', () => {
    for (const reports of [
      [older, newer],
      [newer, older],
    ]) {
      const draft = draftCharter(reports);
      expect(draft.language).toBe('en');
      const foo = rowOf(draft, 'foo');
      expect(foo.entry.purpose).toBe('Remembers foo');
      expect(foo.marks).not.toContain('to-translate');
    }
  });

  it('marks to translate the row that keeps the older charter’s French words', () => {
    const draft = draftCharter([older, newer]);
    const bar = rowOf(draft, 'bar');
    expect(bar.entry.purpose).toBe('Se souvenir de bar');
    expect(bar.marks).toContain('to-translate');
    expect(bar.translateFrom).toBe('fr');
    expect(draftMarkdown(draft)).toContain('To translate: bar');
  });

  it('in a French draft asked for, marks the English words to translate and not the French ones', () => {
    const draft = draftCharter([older, newer], { language: 'fr' });
    expect(rowOf(draft, 'foo').translateFrom).toBe('en');
    expect(rowOf(draft, 'bar').marks).not.toContain('to-translate');
  });
});
