import { describe, expect, it } from 'vitest';
import { exportCharterDraft } from '../../../src/core/draft/draft-export.ts';
import { report, reportCookie } from '../../support/reports.ts';

const sample = report(
  [
    reportCookie({
      name: 'sessionid',
      // Its expiry and last write agree with its lifetime (two weeks), as a report's do: the draft judges those.
      lastChanged: (1_800_000_000 - 1_209_600) * 1000,
      reference: { kind: 'charter', charterKind: 'bundled', host: 'data.tco.re', entryIndex: 0, cookie: 'sessionid', match: 'exact' },
    }),
  ],
  {
    generatedAt: Date.UTC(2026, 11, 1, 12),
  },
);

describe('exportCharterDraft', () => {
  it('names the file after the site, the language and the day, in the format asked for', () => {
    expect(exportCharterDraft([sample], 'charter-markdown')).toMatchObject({
      filename: 'charter-draft-data.tco.re-fr-2026-12-01.md',
      mimeType: 'text/markdown',
    });
    const html = exportCharterDraft([sample], 'charter-html', 'en');
    expect(html).toMatchObject({ filename: 'charter-draft-data.tco.re-en-2026-12-01.html', mimeType: 'text/html' });
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(exportCharterDraft([sample], 'charter-markdown').text).toContain(
      '| Opendatasoft | sessionid \\(durée observée\\) | 2 semaines |',
    );
  });
});
