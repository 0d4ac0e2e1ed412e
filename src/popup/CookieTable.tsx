import type { CookieRecord } from '../core/cookies/cookie-record.ts';
import type { Translate } from '../platform/i18n.ts';

type CookieTableProps = {
  /** Cookies to list, in display order. */
  cookies: CookieRecord[];
  /** UI strings. */
  t: Translate;
  /** UI language, for dates. */
  language: string;
};

/** One row per cookie: name, domain, flags, expiry. Names are rendered as text, never markup. */
export function CookieTable({ cookies, t, language }: CookieTableProps) {
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <table class="cookies">
      <thead>
        <tr>
          <th scope="col">{t('columnName')}</th>
          <th scope="col">{t('columnDomain')}</th>
          <th scope="col">{t('columnFlags')}</th>
          <th scope="col">{t('columnExpires')}</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((cookie) => (
          <tr key={`${cookie.storeId} ${cookie.domain} ${cookie.path} ${cookie.name}`} data-cookie={cookie.name}>
            <th scope="row" class="name">
              {cookie.name}
            </th>
            <td>
              {cookie.domain}
              {cookie.hostOnly && <span class="muted"> ({t('hostOnly')})</span>}
            </td>
            <td class="flags">{cookieFlags(cookie).join(' · ')}</td>
            <td>{cookie.expires === null ? t('sessionCookie') : dateFormat.format(cookie.expires * 1000)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The attributes worth showing, in the order people read them in DevTools. */
export function cookieFlags(cookie: CookieRecord): string[] {
  const flags: string[] = [];
  if (cookie.secure) flags.push('Secure');
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.sameSite && cookie.sameSite !== 'unspecified') flags.push(`SameSite=${cookie.sameSite}`);
  if (cookie.partitionKey) flags.push('Partitioned');
  return flags;
}
