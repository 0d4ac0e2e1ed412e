import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCharter, readCharterPage } from '../../../src/core/charter/index.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { DRAFT_FILES, draftSummary, readServedCharter, writeCharterDraft } from '../../../scripts/audit/charter-files.ts';
import { UsageError } from '../../../scripts/audit/options.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cci-charter-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const demoReport = (choice: 'accept' | 'refuse') =>
  JSON.parse(readFileSync(new URL(`../../support/demo-audit/${choice}.report.json`, import.meta.url), 'utf8')) as Report;

describe('writeCharterDraft', () => {
  it('writes the draft of both runs as Markdown and HTML beside the reports, in the language asked for', () => {
    const { draft, paths } = writeCharterDraft(scratch, [demoReport('accept'), demoReport('refuse')], 'en');
    expect(paths).toEqual([join(scratch, DRAFT_FILES.markdown), join(scratch, DRAFT_FILES.html)]);
    const entries = draft.rows.map((row) => row.entry);
    expect(parseCharter(readFileSync(paths[0]!, 'utf8'))).toEqual({ portal: 'demo.opendatasoft.com', language: 'en', entries });
    expect(readCharterPage(readFileSync(paths[1]!, 'utf8'), 'text/html').entries).toEqual(entries);
    // The demo's charter is French: in English, each row keeping its words is marked to translate too.
    expect(draftSummary(draft)).toBe('charter draft (en): 8 entries, 8 marked to review');
  });

  it('says how many cookies it could not write', () => {
    const { draft } = writeCharterDraft(scratch, [demoReport('accept')], null);
    expect(draftSummary({ ...draft, setAside: [{ name: 'a b', reason: 'unreadable' }] })).toBe(
      'charter draft (fr): 8 entries, 3 marked to review, 1 cookie(s) not written (listed at its top)',
    );
  });
});

describe('readServedCharter', () => {
  it('serves a Markdown draft as Markdown and an HTML one as HTML', () => {
    const markdown = join(scratch, 'draft.md');
    writeFileSync(
      markdown,
      '| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|\n| Huwise | sessionid | 2 weeks | Session |\n',
    );
    expect(readServedCharter(markdown)).toEqual({ body: readFileSync(markdown, 'utf8'), contentType: 'text/markdown; charset=utf-8' });
    const html = join(scratch, 'page.txt');
    writeFileSync(
      html,
      '<!doctype html><table><tr><th>Supplier</th><th>Cookie name</th><th>Function</th></tr><tr><td>Huwise</td><td>sessionid</td><td>Session</td></tr></table>',
    );
    expect(readServedCharter(html).contentType).toBe('text/html; charset=utf-8');
  });

  it('never quotes a --charter value with a user name or password', () => {
    expect(() => readServedCharter('https://user:s3cret@data.example.org')).toThrow(
      new UsageError('--charter (a text with "@", not shown: it may hold a user name or password): no such file'),
    );
    // Nor in the reason: Node's message of a read that fails names the path (a review's case).
    const under = join(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'https://user:s3cret@x/charter.md');
    expect(() => readServedCharter(under)).toThrow(
      new UsageError('--charter (a text with "@", not shown: it may hold a user name or password): cannot read the file (ENOTDIR)'),
    );
  });

  it('refuses, in one line, a file that is missing or holds no charter', () => {
    const prose = join(scratch, 'prose.md');
    writeFileSync(prose, 'Nothing to see here.\n');
    expect(() => readServedCharter(join(scratch, 'missing.md'))).toThrow(
      new UsageError(`--charter "${join(scratch, 'missing.md')}": no such file`),
    );
    expect(() => readServedCharter(prose)).toThrow(UsageError);
    expect(() => readServedCharter(prose)).toThrow(/^--charter ".*prose\.md": no cookie table/);
    expect(() => readServedCharter(scratch)).toThrow(/is a directory/);
  });

  it('refuses a charter file that is not valid UTF-8 (one saved as Latin-1), rather than read it as one with no table', () => {
    // data.tco.re's bundled charter, French accents and all, saved as Latin-1.
    const utf8 = readFileSync(new URL('../../../charters/data.tco.re.txt', import.meta.url), 'utf8');
    const latin1 = join(scratch, 'tco-latin1.txt');
    writeFileSync(latin1, Buffer.from(utf8, 'latin1'));
    expect(() => readServedCharter(latin1)).toThrow(
      new UsageError(
        `--charter "${latin1}": not valid UTF-8 (as a charter saved as Latin-1 or Windows-1252 is): save the charter as UTF-8`,
      ),
    );
    // The same charter in UTF-8 is served, and one in UTF-16 still says it looks like UTF-16.
    const good = join(scratch, 'tco-utf8.txt');
    writeFileSync(good, utf8);
    expect(readServedCharter(good).body).toBe(utf8);
    const utf16 = join(scratch, 'tco-utf16.txt');
    writeFileSync(utf16, Buffer.from(utf8, 'utf16le'));
    expect(() => readServedCharter(utf16)).toThrow(/looks like UTF-16 text; save the charter as UTF-8$/);
  });
});
