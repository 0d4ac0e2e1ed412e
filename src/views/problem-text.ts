/** Why a request to the worker failed, for a page's sentence ("Could not … : <this>"). */
import { NoAnswer } from '../core/message-contract.ts';
import type { Translate } from '../core/ui-strings.ts';

/** A worker that did not answer, in the UI language; any other error's own text (the worker's words, kept as they are). */
export function problemText(error: unknown, t: Translate): string {
  if (error instanceof NoAnswer) return error.withinSeconds === null ? t('noAnswer') : t('noAnswerWithin', String(error.withinSeconds));
  return error instanceof Error ? error.message : String(error);
}
