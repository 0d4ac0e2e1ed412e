import { useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

export type PageToolsProps = {
  /** Opens the side panel (the popup, where the browser has one); must run straight from the click. Absent elsewhere. */
  openSidePanel?: (() => Promise<void>) | undefined;
  /** The DevTools panel, where the browser makes it an optional permission not granted yet (Firefox); absent elsewhere. */
  devtoolsPanel?: { request: () => Promise<boolean> } | undefined;
};

/** What the page gives its tools beside their actions. */
export type PageToolsPlace = {
  /** Takes the focus to the page's title: the DevTools panel's button goes once granted. */
  focusTitle?: (() => void) | undefined;
  /** UI strings. */
  t: Translate;
};

/**
 * Why the side panel did not open, in the UI language when it failed before the browser was asked
 * (platform/side-panel.ts's SidePanelUnavailable, told by its `unavailable`: views do not import
 * the platform); the browser's own words otherwise.
 */
function sidePanelProblem(error: unknown, t: Translate): string {
  const unavailable = (error as { unavailable?: unknown } | null | undefined)?.unavailable;
  if (unavailable === 'no-window') return t('sidePanelNoWindow');
  if (unavailable === 'no-side-panel') return t('sidePanelMissing');
  return error instanceof Error ? error.message : String(error);
}

/**
 * The page's own actions, beside its title: open the side panel, enable the DevTools panel. What
 * came of one is said in a status line that is always there, only its text changing: a live
 * region inserted with its text is often not read. It is emptied as an action starts: the same
 * again is said again (the same text written over itself changes nothing to read).
 */
export function PageTools({ openSidePanel, devtoolsPanel, focusTitle, t }: PageToolsProps & PageToolsPlace) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [granted, setGranted] = useState(false);
  if (!openSidePanel && !devtoolsPanel) return null;
  const fail = (key: 'sidePanelFailed', error: unknown) => setStatus({ text: t(key, sidePanelProblem(error, t)), error: true });
  return (
    <div class="page-tools">
      {openSidePanel && (
        // Called at once, nothing awaited before: browsers open a side panel only during the click.
        <button
          type="button"
          class="link-button"
          data-action="open-side-panel"
          onClick={() => {
            setStatus(null);
            void openSidePanel().catch((error: unknown) => fail('sidePanelFailed', error));
          }}
        >
          {t('openSidePanel')}
        </button>
      )}
      {devtoolsPanel && !granted && (
        <button
          type="button"
          class="link-button"
          data-action="enable-devtools"
          onClick={() => {
            setStatus(null);
            void devtoolsPanel.request().then(
              (ok) => {
                setGranted(ok);
                if (ok) focusTitle?.();
                setStatus({ text: t(ok ? 'enableDevtoolsDone' : 'enableDevtoolsRefused'), error: !ok });
              },
              () => setStatus({ text: t('enableDevtoolsRefused'), error: true }),
            );
          }}
        >
          {t('enableDevtools')}
        </button>
      )}
      {/* Out of the row while it says nothing. */}
      <p
        role="status"
        class={status ? `small ${status.error ? 'error' : 'ok'}` : 'visually-hidden'}
        data-tools-status={status ? (status.error ? 'failed' : 'done') : undefined}
      >
        {status?.text}
      </p>
    </div>
  );
}
