import { useState } from 'preact/hooks';
import type { Translate } from '../core/ui-strings.ts';

type AccessPromptProps = {
  /** The site the popup is about. */
  host: string;
  /** True for a known portal whose access the browser has not granted yet. */
  portal: boolean;
  /** Origins to ask for. */
  origins: string[];
  /** Shows the browser's permission prompt; resolves to whether access was granted. Absent where a page cannot ask (Firefox's DevTools panel has no permissions API). */
  requestAccess?: ((origins: string[]) => Promise<boolean>) | undefined;
  /** Called once access is granted. */
  onGranted: () => void;
  /** UI strings. */
  t: Translate;
};

/** Says plainly that the extension cannot see this site, and offers to ask for access. */
export function AccessPrompt({ host, portal, origins, requestAccess, onGranted, t }: AccessPromptProps) {
  // null until a first refusal; false while it asks again: the alert stays, emptied, and the same
  // refusal written again is said again (the same text left as it was is never said twice).
  const [refused, setRefused] = useState<boolean | null>(null);
  const ask = (request: (origins: string[]) => Promise<boolean>) => {
    setRefused((before) => (before === null ? null : false));
    // Straight from the click: browsers only prompt during a user gesture.
    request(origins).then(
      (granted) => (granted ? onGranted() : setRefused(true)),
      () => setRefused(true),
    );
  };
  return (
    <section class="access" data-access={portal ? 'portal' : 'site'}>
      <p>{portal ? t('noAccessPortal', host) : t('noAccessSite', host)}</p>
      {requestAccess ? (
        <button type="button" class="primary" onClick={() => ask(requestAccess)}>
          {portal ? t('grantPortals') : t('grantSite', host)}
        </button>
      ) : (
        <p>{t('grantFromPopup')}</p>
      )}
      <p class="muted small">{t('grantExplain')}</p>
      {refused !== null && (
        <p class="error" role="alert">
          {refused ? t('grantRefused') : ''}
        </p>
      )}
    </section>
  );
}
