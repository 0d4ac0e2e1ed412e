import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCharter, readCharterPage } from '../../../src/core/charter/index.ts';
import type { Report } from '../../../src/core/report/index.ts';
import { DRAFT_FILES, draftSummary, readServedCharter, writeCharterDraft } from '../../../scripts/audit/charter-files.ts';
import { UsageError } from '../../../scripts/audit/options.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';

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

  it('serves a saved page in the encoding `charter check` reads it in: its byte order mark (UTF-16), its <meta charset>', () => {
    const page = charterPage('demo.opendatasoft.com', DEMO_CHARTER);
    const utf16le = join(scratch, 'u16.html');
    writeFileSync(utf16le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]));
    expect(readServedCharter(utf16le)).toEqual({ body: page, contentType: 'text/html; charset=utf-8' });
    const utf16be = join(scratch, 'u16be.htm');
    writeFileSync(utf16be, Buffer.from(`\uFEFF${page}`, 'utf16le').swap16());
    expect(readServedCharter(utf16be).body).toBe(page);
    // Declared windows-1252, its accents one byte each: served decoded, as the extension reads it live.
    const declared = page.replace(/[—…’]/g, '-').replace(/<head>/i, '<head><meta charset="windows-1252">');
    const windows1252 = join(scratch, 'w1252.html');
    writeFileSync(windows1252, Buffer.from(declared, 'latin1'));
    expect(readServedCharter(windows1252).body).toBe(declared);
    // A page whose byte order mark says UTF-16 but whose bytes are not: named so.
    const broken = join(scratch, 'u16-broken.html');
    writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le'), Buffer.from([0x00, 0xd8])]));
    expect(() => readServedCharter(broken)).toThrow(
      new UsageError(`--charter "${broken}": not valid UTF-16 (as its byte order mark says it is): save the charter as UTF-8`),
    );
  });
});
