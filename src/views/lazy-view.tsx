import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

/** A view loaded on demand, and how to start loading it before it is needed. */
export type LazyView<P> = ComponentType<P> & {
  /** Starts loading the view's code (once); resolves when it is there. */
  preload: () => Promise<unknown>;
};

/**
 * A loading line (a part of the page that is not there yet). A live region inserted with its text
 * is often not read: its status is inserted with the spinner alone (hidden from assistive
 * technology), its words set once it is in the document, after the frame.
 */
export function LoadingLine({ t }: { t: Translate }) {
  const [inDocument, setInDocument] = useState(false);
  useEffect(() => setInDocument(true), []);
  return (
    <p class="status" role="status">
      <span class="spinner" aria-hidden="true" /> {inDocument && t('loading')}
    </p>
  );
}

/** Whether the focus went with what held it (it fell to <body>): a person who went elsewhere is left there. */
export const focusLost = () => !document.activeElement || document.activeElement === document.body;

/**
 * A view whose code is loaded only when first shown, or when `preload` is called: what the
 * report's first paint does not need (the timeline, the export tab) stays out of the scripts a
 * page loads at open. Once loaded it renders at once; until then, a loading line; if its code
 * cannot be loaded, an error with a retry.
 */
export function lazyView<P extends { t: Translate }>(
  load: () => Promise<ComponentType<P>>,
  {
    quiet = false,
  }: {
    /** Shows nothing while loading (a part of the page that can appear a moment later), rather than a loading line. */ quiet?: boolean;
  } = {},
): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (view) => (loaded = view),
      (error: unknown) => {
        // A later show tries again.
        loading = null;
        throw error;
      },
    ));

  function Lazy(props: P) {
    const [problem, setProblem] = useState<string | null>(null);
    const [, setLoaded] = useState(false);
    // The title the Retry gave the focus to: a retry that fails again brings it back to the new Retry (as App.tsx does).
    const retried = useRef<HTMLElement | null>(null);
    const View = loaded;
    useEffect(() => {
      // Rendered without the view: wait for it, even when it arrived after that render (its
      // effect comes a frame later), or this stays a loading line.
      if (View || problem !== null) return;
      let live = true;
      preload().then(
        () => live && setLoaded(true),
        (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        live = false;
      };
    }, [View, problem]);
    if (View) return <View {...props} />;
    if (problem !== null)
      return (
        <div class="status error" role="alert">
          <p>{props.t('viewLoadError', problem)}</p>
          <button
            type="button"
            // Only from the title it left the focus on: a person who went elsewhere meanwhile stays there.
            ref={(button) => {
              if (button) {
                if (retried.current === document.activeElement) button.focus();
                retried.current = null;
              }
            }}
            onClick={() => {
              // The button goes with the problem, and the focus with it: the page's title (App.tsx) takes it, as after the App's own Retry.
              (retried.current = document.querySelector('h1'))?.focus();
              setProblem(null);
            }}
          >
            {props.t('retry')}
          </button>
        </div>
      );
    return quiet ? null : <LoadingLine t={props.t} />;
  }
  return Object.assign(Lazy, { preload });
}
