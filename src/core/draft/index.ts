/**
 * core/draft's public API for Node code (the audit): a corrected charter drafted from reports,
 * as data, as Markdown, as HTML, or as a file. The worker imports the files it needs directly;
 * the popup only names the formats (draft-formats.ts).
 */
export { CHARTER_DRAFT_FORMATS, DRAFT_LANGUAGES, type CharterDraftFormat, type DraftLanguage } from './draft-formats.ts';
export type { CharterDraft, DraftMark, DraftRow, DraftSource, SetAsideCookie } from './draft-types.ts';
export { draftCharter, graphemeSegmenter, type DraftOptions } from './charter-draft.ts';
export { draftMarkdown } from './draft-markdown.ts';
export { draftHtml } from './draft-html.ts';
export { exportCharterDraft } from './draft-export.ts';
