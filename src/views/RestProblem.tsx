import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

type RestProblemProps = {
  /** Why the last read failed (the page's problem, said above the report); empty while `retry` asks. */
  problem: string;
  /** Asks for the rest of the report again. */
  retry: (() => void) | undefined;
  /** Where the focus goes once the rest is read, when its Retry had it; none (or it gives none): where the view puts it. */
  focusAfter?: () => HTMLElement | null | undefined;
  /** UI strings. */
  t: Translate;
};

/**
 * Said where the person asked for the rest of a partial report (beside Show more, under a search,
 * in the timeline) once it could not be read: nothing is being read then, so no loading line stays.
 * Not an alert: the page's problem above the report says why, and is announced once. Its Retry
 * stays, the focus with it, while it asks (the text emptied: the same again is said again), as the
 * page's own Retry does; once the rest is read, it goes, and the focus it had goes to `focusAfter`.
 */
export function RestProblem({ problem, retry, focusAfter, t }: RestProblemProps) {
  const button = useRef<HTMLButtonElement>(null);
  // The latest, for the cleanup below (run once, as the problem goes).
  const focusNext = useRef(focusAfter);
  focusNext.current = focusAfter;
  useLayoutEffect(
    () => () => {
      if (button.current === document.activeElement) focusNext.current?.()?.focus();
    },
    [],
  );
  return (
    <div class="status error" data-problem="rest">
      <p>{problem && t('restUnread')}</p>
      <button type="button" ref={button} onClick={retry}>
        {t('retry')}
      </button>
    </div>
  );
}
