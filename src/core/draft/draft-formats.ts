/**
 * What a charter draft can be asked for: its formats and languages. Constants and types only, so
 * the popup and the message contract can name them without carrying the builder (the worker
 * builds drafts).
 */

/** A charter draft as Markdown (a pipe table per category) or as an HTML page. */
export type CharterDraftFormat = 'charter-markdown' | 'charter-html';

/** The languages a draft is written in: the platform's template exists in French and English. */
export type DraftLanguage = 'fr' | 'en';

export const CHARTER_DRAFT_FORMATS: readonly CharterDraftFormat[] = ['charter-markdown', 'charter-html'];

export const DRAFT_LANGUAGES: readonly DraftLanguage[] = ['fr', 'en'];
