import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

/** A view loaded on demand, and how to start loading it before it is needed. */
export type LazyView<P> = ComponentType<P> & {
  /** Starts loading the view's code (once); resolves when it is there. */
  preload: () => Promise<unknown>;
};

type LoadingLineProps = {
  t: Translate;
  /** Can take the focus: it stands for a Retry that went (see lazyView). */
  focusable?: boolean;
};

/**
 * A loading line (a part of the page that is not there yet). A live region inserted with its text
 * is often not read: its status is inserted with the spinner alone (hidden from assistive
 * technology), its words set once it is in the document, after the frame.
 */
export function LoadingLine({ t, focusable = false }: LoadingLineProps) {
  const [inDocument, setInDocument] = useState(false);
  useEffect(() => setInDocument(true), []);
  return (
    <p class="status" role="status" tabIndex={focusable ? -1 : undefined}>
      <span class="spinner" aria-hidden="true" /> {inDocument && t('loading')}
    </p>
  );
}

/** What can take the focus in a part of the page (its loading line has tabindex -1). */
const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select, textarea, summary, [tabindex]';

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
    // Retry was pressed: its button went, and the focus with it.
    const [retried, setRetried] = useState(false);
    const part = useRef<HTMLDivElement>(null);
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
    // After a retry, what takes the place of the focused button takes the focus: the loading line,
    // then the view's first control (or Retry again); unless the person went elsewhere meanwhile.
    useLayoutEffect(() => {
      const at = document.activeElement;
      if (retried && (at === null || at === document.body)) part.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    }, [retried, View, problem]);
    const shown = View ? (
      <View {...props} />
    ) : problem !== null ? (
      <div class="status error" role="alert">
        <p>{props.t('viewLoadError', problem)}</p>
        <button
          type="button"
          onClick={() => {
            setProblem(null);
            setRetried(true);
          }}
        >
          {props.t('retry')}
        </button>
      </div>
    ) : quiet && !retried ? null : (
      <LoadingLine t={props.t} focusable={retried} />
    );
    // Once retried, in a box to look for it in (`display: contents`: nothing changes in the layout), kept so the view is not made afresh.
    return retried ? (
      <div class="lazy-part" ref={part}>
        {shown}
      </div>
    ) : (
      shown
    );
  }
  return Object.assign(Lazy, { preload });
}
