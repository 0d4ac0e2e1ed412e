import { useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

export type PageToolsProps = {
  /** Opens the side panel (the popup, where the browser has one); must run straight from the click. Absent elsewhere. */
  openSidePanel?: (() => Promise<void>) | undefined;
  /** The DevTools panel, where the browser makes it an optional permission not granted yet (Firefox); absent elsewhere. */
  devtoolsPanel?: { request: () => Promise<boolean> } | undefined;
};

/** The page's own actions, beside its title: open the side panel, enable the DevTools panel. */
export function PageTools({ openSidePanel, devtoolsPanel, t }: PageToolsProps & { t: Translate }) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [granted, setGranted] = useState(false);
  if (!openSidePanel && !devtoolsPanel) return null;
  const fail = (key: 'sidePanelFailed', error: unknown) =>
    setStatus({ text: t(key, error instanceof Error ? error.message : String(error)), error: true });
  return (
    <div class="page-tools">
      {openSidePanel && (
        // Called at once, nothing awaited before: browsers open a side panel only during the click.
        <button
          type="button"
          class="link-button"
          data-action="open-side-panel"
          onClick={() => void openSidePanel().catch((error: unknown) => fail('sidePanelFailed', error))}
        >
          {t('openSidePanel')}
        </button>
      )}
      {devtoolsPanel && !granted && (
        <button
          type="button"
          class="link-button"
          data-action="enable-devtools"
          onClick={() =>
            void devtoolsPanel.request().then(
              (ok) => {
                setGranted(ok);
                setStatus({ text: t(ok ? 'enableDevtoolsDone' : 'enableDevtoolsRefused'), error: !ok });
              },
              () => setStatus({ text: t('enableDevtoolsRefused'), error: true }),
            )
          }
        >
          {t('enableDevtools')}
        </button>
      )}
      {status && (
        <p role="status" class={`small ${status.error ? 'error' : 'ok'}`} data-tools-status>
          {status.text}
        </p>
      )}
    </div>
  );
}
