import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';
import { focusLost } from './lazy-view.tsx';
import { problemText } from './problem-text.ts';
import type { NetworkRead } from './set-by-shown.ts';

/**
 * Said above the timeline when DevTools' network log could not be read (the DevTools panel only):
 * its events then say nothing of which response set them, which would read as nothing known.
 * Its Retry stays, the focus with it, while it asks (the problem emptied: the same again is said
 * again); once read, the problem and its Retry go, and the page's title takes the focus from
 * where it fell (<body>), as after the App's own Retry.
 */
export function NetworkProblem({ read, retry, t }: { read: NetworkRead; retry: () => void; t: Translate }) {
  const retried = useRef(false);
  const failed = read.failed;
  useLayoutEffect(() => {
    if (failed || !retried.current) return;
    retried.current = false;
    if (focusLost()) document.querySelector<HTMLElement>('h1')?.focus();
  }, [failed]);
  if (!failed) return null;
  return (
    <div class="status error" role="alert" data-problem="network">
      <p>{read.asking ? '' : t('networkLogError', problemText(failed.error, t))}</p>
      <button
        type="button"
        onClick={() => {
          retried.current = true;
          retry();
        }}
      >
        {t('retry')}
      </button>
    </div>
  );
}
