/**
 * The domain the demo's Google Analytics writes `_ga` on, for a page on `hostname`: the host less
 * its first label, or the host itself when that would leave fewer than two labels.
 *
 * With its default cookie_domain "auto", gtag.js "will set cookies on the highest level domain it
 * can" (https://developers.google.com/analytics/devguides/collection/gtagjs/cookies-user-id): the
 * registrable domain, as browsers refuse a cookie on a public suffix. So `.opendatasoft.com` for
 * NAME.opendatasoft.com, `tco.re` for data.tco.re, and on `tco.re` itself `tco.re`, never `re`.
 * Dropping one label stands in for the Public Suffix List, which the demo does not carry: it is
 * the registrable domain for a host of three labels, and the data.NAME.opendatasoft.com portals
 * (census, refusal, mixed choice) keep a parent of their own on purpose, so scenarios and demos
 * sharing one browser never see each other's _ga (see PORTAL_HOSTS in server.ts).
 *
 * server.ts inlines this function's source into the page it serves: keep it self-contained, with
 * no imports, no helpers and nothing but plain JavaScript once its types are stripped.
 */
export function gaCookieDomain(hostname: string): string {
  const parent = hostname.split('.').slice(1);
  return parent.length >= 2 ? parent.join('.') : hostname;
}
