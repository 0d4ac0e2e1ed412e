import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

/** The optional grant that shows cookies of embedded content, as the popup offers it. */
export type EmbeddedAccessActions = {
  /** Whether it is granted (or required by the build, as in the audit builds). */
  has: () => Promise<boolean>;
  /** Shows the browser's prompt (must run in a click handler); resolves to whether it was granted. */
  request: () => Promise<boolean>;
};

type EmbeddedAccessProps = EmbeddedAccessActions & {
  /** Called once granted: the report is read again. */
  onGranted: () => void;
  /** UI strings. */
  t: Translate;
};

type GrantState = 'unknown' | 'granted' | 'offered' | 'refused';

/**
 * Whether it is granted, asked once. A hook of its own: the effect keeps the function it was
 * given, and a function made in the component's body would keep `onGranted` (and, through it,
 * the page's first report) for as long as the popup is open.
 */
function useGrantState(has: () => Promise<boolean>) {
  const [state, setState] = useState<GrantState>('unknown');
  useEffect(() => {
    has().then(
      (granted) => setState(granted ? 'granted' : 'offered'),
      () => setState('offered'),
    );
  }, [has]);
  return [state, setState] as const;
}

/**
 * Offers "see cookies of embedded content": nothing is asked at install, and without it the
 * browser shows the extension no cookie of another site. Hidden once granted, and while the
 * answer is not known (never a flash of an offer that is not needed).
 */
export function EmbeddedAccess({ has, request, onGranted, t }: EmbeddedAccessProps) {
  const [state, setState] = useGrantState(has);
  // While it asks again, the refusal's alert stays, emptied: the same refusal written again is
  // said again (the same text left as it was is never said twice).
  const [asking, setAsking] = useState(false);
  if (state === 'unknown' || state === 'granted') return null;
  const answered = (granted: boolean) => {
    setAsking(false);
    setState(granted ? 'granted' : 'refused');
    if (granted) onGranted();
  };
  const ask = () => {
    setAsking(true);
    // Straight from the click: browsers only prompt during a user gesture.
    request().then(answered, () => answered(false));
  };
  return (
    <section class="embedded-access" data-embedded-access={state}>
      <p class="muted small">{t('embeddedOffer')}</p>
      <button type="button" onClick={ask}>
        {t('embeddedGrant')}
      </button>
      <p class="muted small">{t('embeddedExplain')}</p>
      {state === 'refused' && (
        <p class="error" role="alert">
          {asking ? '' : t('embeddedRefused')}
        </p>
      )}
    </section>
  );
}
