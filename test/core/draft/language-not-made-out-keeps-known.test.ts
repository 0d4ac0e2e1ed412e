/**
 * The language detector answers null when neither language clearly wins. A run that read the
 * charter with its language made out (French) and a newer run that read the same charter without
 * (null): the newer says nothing of the language, so the draft and each row take the language of
 * the newest run that knew it, and French words are never written unmarked in an English draft.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { NOW_MS, charterEntry, playSite, registryWith } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const french: ParsedCharter = { portal: HOST, language: 'fr', entries: [charterEntry('foo', { purpose: 'Se souvenir de foo' })] };
const notMadeOut: ParsedCharter = { ...french, language: null };
const cookies = [{ name: 'foo', days: 10 }];
const run = (charter: ParsedCharter, atMs: number) =>
  buildReport(playSite(HOST, cookies, atMs === NOW_MS ? 'accepted' : 'refused'), registryWith(HOST, charter), atMs);
const foo = (draft: CharterDraft) => {
  const row = draft.rows.find((candidate) => candidate.entry.cookie === 'foo')!;
  return { language: draft.language, purpose: row.entry.purpose, marks: row.marks, translateFrom: row.translateFrom };
};

describe('a charter read again with its language not made out', () => {
  it('drafts in the language the older run made out, whichever run comes first', () => {
    const older = run(french, NOW_MS);
    const newer = run(notMadeOut, NOW_MS + 60_000);
    for (const reports of [
      [older, newer],
      [newer, older],
    ]) {
      expect(foo(draftCharter(reports))).toEqual({ language: 'fr', purpose: 'Se souvenir de foo', marks: [], translateFrom: undefined });
    }
  });

  it('in an English draft asked for, marks the French words to translate', () => {
    const draft = draftCharter([run(french, NOW_MS), run(notMadeOut, NOW_MS + 60_000)], { language: 'en' });
    expect(foo(draft)).toMatchObject({ marks: ['to-translate'], translateFrom: 'fr' });
  });

  it('with no run making the language out, drafts in English with nothing marked, as before', () => {
    const draft = draftCharter([run(notMadeOut, NOW_MS), run(notMadeOut, NOW_MS + 60_000)]);
    expect(foo(draft)).toEqual({ language: 'en', purpose: 'Se souvenir de foo', marks: [], translateFrom: undefined });
  });
});
