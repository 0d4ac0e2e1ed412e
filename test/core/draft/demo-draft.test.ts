/**
 * The demo portal's draft, from its audit (`npm start -- --consent both`, test/support/demo-audit):
 * what it says, that the charter parser reads it back exactly in both formats and languages, and
 * that README's excerpt of it is what the draft holds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/core/charter/html-to-text.ts';
import { readCharterPage } from '../../../src/core/charter/live.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftHtml } from '../../../src/core/draft/draft-html.ts';
import { draftMarkdown } from '../../../src/core/draft/draft-markdown.ts';
import type { Report } from '../../../src/core/report/report.ts';

const demoReport = (choice: 'accept' | 'refuse') =>
  JSON.parse(readFileSync(new URL(`../../support/demo-audit/${choice}.report.json`, import.meta.url), 'utf8')) as Report;
const REPORTS = [demoReport('accept'), demoReport('refuse')];

describe('the demo portal’s draft', () => {
  const draft = draftCharter(REPORTS);

  it('is in the charter’s language, corrects what the audit found, and keeps the rest in the charter’s words', () => {
    expect(draft.language).toBe('fr');
    expect(draft.consents).toEqual(['accepted', 'refused']);
    expect(draft.setAside).toEqual([]);
    expect(draft.rows.map((row) => [row.entry.category, row.entry.cookie, row.entry.duration, row.marks])).toEqual([
      ['necessary', 'sessionid', '2 semaines par défaut', []],
      ['necessary', 'csrftoken', "Jeton renouvelé à chaque session. Jusqu'à 12 mois", []],
      ['necessary', 'django_language', '12 mois', []],
      ['necessary', 'cookies_preferences', '6 mois', []],
      ['statistics', '_pk_id.', '13 mois', ['duration-observed']],
      ['statistics', '_pk_ses.', '30 minutes', []],
      // Chromium's 400-day cap outlives what 13 months can hold (397 days).
      ['statistics', '_ga', '14 mois', ['duration-observed']],
      ['statistics', '_hjSessionUser_', '1 an', ['to-review']],
    ]);
  });

  it('from the refusal alone, says to drop none of the trackers the run refused (README: `--consent refuse` alone cannot see `_ga`)', () => {
    const refusedOnly = draftCharter([demoReport('refuse')]);
    expect(refusedOnly.rows.filter((row) => row.marks.includes('not-observed')).map((row) => row.entry.cookie)).toEqual([]);
    expect(demoReport('refuse').notSeen.map((entry) => [entry.cookie, entry.absentBecause])).toEqual([
      ['_pk_id.', 'refused'],
      ['_pk_ses.', 'refused'],
      ['_ga', 'refused'],
    ]);
  });

  it.each(['fr', 'en'] as const)('reads back exactly, as Markdown and as HTML (%s)', (language) => {
    const inLanguage = draftCharter(REPORTS, { language });
    const meant = { portal: 'demo.opendatasoft.com', language, entries: inLanguage.rows.map((row) => row.entry) };
    expect(parseCharter(draftMarkdown(inLanguage))).toEqual(meant);
    expect(parseCharter(htmlToText(draftHtml(inLanguage)))).toEqual(meant);
    expect(readCharterPage(draftHtml(inLanguage), 'text/html')).toEqual(meant);
  });

  it('is what README shows of it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const excerpt = /<!-- demo-draft:start -->\n```markdown\n([^]*?)```\n<!-- demo-draft:end -->/.exec(readme)?.[1];
    expect(excerpt, 'README.md: the excerpt between <!-- demo-draft:start --> and <!-- demo-draft:end -->').toBeDefined();
    const lines = draftMarkdown(draft).split('\n');
    // The excerpt is whole lines of the draft, in order; "…" stands for lines left out.
    let at = 0;
    for (const line of excerpt!.trimEnd().split('\n')) {
      if (line === '…') continue;
      const found = lines.indexOf(line, at);
      expect(found, `README line not in the demo's draft (or out of order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
