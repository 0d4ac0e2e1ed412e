import type { Report } from '../core/report/report.ts';
import type { Translate } from '../core/ui-strings.ts';
import { countText } from './count-text.ts';
import { formatTime } from './day-time.ts';

type StorageNoticeProps = {
  /** What the extension could not keep. */
  storage: Report['storage'];
  /** True when this site's own record was dropped once (its timeline holds the marker). */
  siteEvicted: boolean;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/**
 * Says plainly what could not be kept (nothing is lost in silence); an empty line when all is kept.
 * The status is always there, only its text changing: a live region inserted with its text is
 * often not read, and what is lost while the page is open should be heard.
 */
export function StorageNotice({ storage, siteEvicted, t, language }: StorageNoticeProps) {
  const { sitesDropped, cookiesDropped, unsavedSince } = storage;
  const lost = sitesDropped > 0 || cookiesDropped > 0 || unsavedSince !== null || siteEvicted;
  return (
    <div class={lost ? 'notice' : undefined} role="status" data-notice={lost ? 'storage' : undefined}>
      {siteEvicted && <p data-notice-part="site-evicted">{t('storageSiteEvicted')}</p>}
      {sitesDropped > 0 && <p data-notice-part="sites-dropped">{countText(t, language, 'storageSitesDropped', sitesDropped)}</p>}
      {cookiesDropped > 0 && <p data-notice-part="cookies-dropped">{countText(t, language, 'storageCookiesDropped', cookiesDropped)}</p>}
      {unsavedSince !== null && <p data-notice-part="unsaved">{t('storageUnsaved', formatTime(unsavedSince, language, t))}</p>}
    </div>
  );
}
