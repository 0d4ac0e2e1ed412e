import type { ReportCookie } from '../core/report/report.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { formatLifetime } from './time-format.ts';
import type { CookieRow } from './cookie-rows.ts';

type CookieItemProps = {
  /** The row to show. */
  row: CookieRow;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

const SOURCE_LABEL: Record<ReportCookie['source'], MessageKey> = {
  charter: 'fromCharter',
  'known-tracker': 'fromKnownTracker',
  'open-cookie-database': 'fromOpenCookieDatabase',
  unknown: 'unknownCookie',
};

/** The attributes worth showing, in the order DevTools shows them. */
export function cookieFlags(cookie: ReportCookie): string[] {
  const flags: string[] = [];
  if (cookie.secure) flags.push('Secure');
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.sameSite && cookie.sameSite !== 'unspecified') flags.push(`SameSite=${cookie.sameSite}`);
  if (cookie.partitionKey) flags.push('Partitioned');
  return flags;
}

/**
 * One cookie: name and status, who sets it and why (the charter's words, or a fallback marked
 * with its source), declared against actual lifetime, flags, and the phase it first appeared in.
 * Every text is rendered as text: a cookie named `<b>x</b>` shows those characters.
 *
 * Light on purpose: a list shows hundreds of rows and each element is a virtual node, a DOM node
 * and its wrapper held while the popup is open. Facts of a line are one text, not a span each;
 * elements are kept only where a style or an attribute needs them.
 */
export function CookieItem({ row, t, language }: CookieItemProps) {
  const { cookie, entry } = row;
  const provider = cookie?.provider || entry?.provider || '';
  const service = cookie ? cookie.service : (entry?.service ?? null);
  const purpose = cookie ? cookie.purpose : (entry?.purpose ?? '');
  const source = cookie?.source ?? 'charter';
  const duration = cookie ? cookie.duration : (entry?.duration ?? null);
  const declared = source === 'charter';
  let lifetimes = duration ? (declared ? t('declaredLifetime', duration) : t('typicalLifetime', duration)) : t('noDeclaredLifetime');
  if (cookie)
    lifetimes += ` · ${t('actualLifetime', cookie.lifetimeSeconds === null ? t('sessionLifetime') : formatLifetime(cookie.lifetimeSeconds, language))}`;
  if ((cookie?.rule ?? entry?.match) === 'prefix') lifetimes += ` · ${t('prefixRule')}`;
  const flags = cookie ? cookieFlags(cookie).join(' ') : '';

  return (
    <li id={`row-${row.key}`} class={`cookie status-${row.status}`} tabIndex={-1} data-cookie={row.name} data-status={row.status}>
      <div class="cookie-head">
        <code class="name">{row.name}</code>
        <span class={`pill status-${row.status}`}>
          {t(messageKey('status', row.status)) + (cookie?.removed ? ` · ${t('removed')}` : '')}
        </span>
      </div>
      {provider && (
        <p class="who">
          <strong>{provider}</strong>
          {service ? ` · ${service}` : null}
        </p>
      )}
      <p class={declared ? 'purpose' : 'purpose fallback'} data-source={source}>
        {source === 'unknown'
          ? t('unknownCookie')
          : declared
            ? purpose
            : [
                <span key="source" class="source">
                  {t(SOURCE_LABEL[source])}:{' '}
                </span>,
                purpose,
              ]}
      </p>
      <p class="facts">{lifetimes}</p>
      {cookie?.categoryInferred === 'platform' && (
        <p class="facts muted" data-category-inferred="platform">
          {t('categoryInferredPlatform')}
        </p>
      )}
      {cookie && (
        <p class="facts muted" data-phase={cookie.firstPhase}>
          <span class="domain">{cookie.domain}</span>
          {flags && <span class="flag">{flags}</span>}
          {` · ${t('firstPhase', t(messageKey('phase', cookie.firstPhase)))}`}
          {cookie.firstPage !== null && (
            <span class="page" data-first-page={cookie.firstPage}>
              {` · ${t('firstPage', cookie.firstPage)}`}
            </span>
          )}
        </p>
      )}
      {cookie?.thirdParty && (
        <p class="facts muted" data-third-party={cookie.thirdParty.via}>
          {t('embeddedCookie', t(messageKey('via', cookie.thirdParty.via)))}
        </p>
      )}
    </li>
  );
}
