/** A charter draft as a file, as the popup saves or copies it and the audit writes it. */
import { isoTime, type ExportedFile } from '../report/export.ts';
import type { RunReport } from '../report/compare-runs.ts';
import { draftCharter } from './charter-draft.ts';
import type { CharterDraftFormat, DraftLanguage } from './draft-formats.ts';
import { draftHtml } from './draft-html.ts';
import { draftMarkdown } from './draft-markdown.ts';

/** The draft from the reports of one site, in a format and a language (by default the charter's), with a file name naming the site, the language and the day. */
export function exportCharterDraft(reports: readonly RunReport[], format: CharterDraftFormat, language?: DraftLanguage): ExportedFile {
  const draft = draftCharter(reports, language ? { language } : {});
  const stem = `charter-draft-${draft.host.replace(/[^a-z0-9.-]/gi, '_')}-${draft.language}-${isoTime(draft.generatedAt).slice(0, 10)}`;
  return format === 'charter-html'
    ? { filename: `${stem}.html`, mimeType: 'text/html', text: draftHtml(draft) }
    : { filename: `${stem}.md`, mimeType: 'text/markdown', text: draftMarkdown(draft) };
}
