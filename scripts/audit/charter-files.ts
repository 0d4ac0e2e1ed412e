/**
 * The audit's charter files: the corrected charter it drafts with `--draft`, written beside the
 * report(s), and the charter file `--charter` has the demo portal serve in place of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertReadableText, CharterError, charterProblem, readCharterPageReading } from '../../src/core/charter/index.ts';
import { draftCharter, draftHtml, draftMarkdown, type CharterDraft, type DraftLanguage } from '../../src/core/draft/index.ts';
import type { Report } from '../../src/core/report/index.ts';
import { readCharterFile } from '../charter/cli.ts';
import type { ServedCharter } from '../demo-portal/server.ts';
import { quoteTyped, UsageError } from './options.ts';

/** The files a draft is written to, in the audit's folder. */
export const DRAFT_FILES = { markdown: 'charter-draft.md', html: 'charter-draft.html' } as const;

/**
 * Drafts the corrected charter from the runs' reports (both runs together with `--consent both`)
 * and writes it as Markdown and HTML in `outDir`; returns the draft and the paths written.
 */
export function writeCharterDraft(
  outDir: string,
  reports: readonly Report[],
  language: DraftLanguage | null,
): { draft: CharterDraft; paths: string[] } {
  const draft = draftCharter(reports, language ? { language } : {});
  const paths = [join(outDir, DRAFT_FILES.markdown), join(outDir, DRAFT_FILES.html)];
  writeFileSync(paths[0]!, draftMarkdown(draft));
  writeFileSync(paths[1]!, draftHtml(draft));
  return { draft, paths };
}

/** One line on a draft: its rows, how many need a look, how many cookies it could not write. */
export function draftSummary(draft: CharterDraft): string {
  const marked = draft.rows.filter((row) => row.marks.length > 0).length;
  const setAside = draft.setAside.length > 0 ? `, ${draft.setAside.length} cookie(s) not written (listed at its top)` : '';
  return `charter draft (${draft.language}): ${draft.rows.length} entries, ${marked} marked to review${setAside}`;
}

/**
 * The charter file `--charter` names, read as the charter CLI reads files (text or a saved page,
 * 2 MB at most) but refused when it is not valid UTF-8, and checked to hold a charter the parser reads, so a wrong file is a one-line
 * error before any browser starts, not an audit against no charter. `file` is as typed, for the
 * errors; `place` is where it lies (typed-path.ts).
 */
export function readServedCharter(file: string, place: string = file): ServedCharter {
  const refuse = (reason: string) => new UsageError(`--charter ${quoteTyped(file)}: ${reason}`);
  const page = readCharterFile(file, place);
  if ('error' in page) throw refuse(page.error);
  try {
    // A file is whole in the encoding `charter check` reads it in, or refused (file-encoding.ts),
    // where `charter check` reads it with a warning.
    if (page.encodingProblem !== undefined) {
      assertReadableText(page.body); // NUL bytes, UTF-16 read as UTF-8: said as such
      throw refuse(page.encodingProblem);
    }
    const problem = charterProblem(readCharterPageReading(page.body, page.html ? 'text/html' : page.contentType));
    if (problem !== null) throw refuse(problem);
  } catch (error) {
    if (error instanceof CharterError) throw refuse(error.message);
    throw error;
  }
  return { body: page.body, contentType: page.html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8' };
}
