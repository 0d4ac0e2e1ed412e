/**
 * `text` as the URL parser reads it, or null where it throws. The parser alone decides, never
 * `URL.canParse` first: Node 20's, once optimised (some thousands of calls), says yes to some
 * non-ASCII text the parser throws on (`https://Ã¨`), and a throw there ended a whole census.
 */
export function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * A URL path with its path parameters removed: everything from a `;` to the end of its segment
 * (`/login;jsessionid=9F1C…/cart;v=2` -> `/login/cart`). Servlet containers (Tomcat, Jetty) carry
 * the session id this way when they rewrite URLs for a client whose cookies they do not know
 * yet: the JSESSIONID cookie's value, which must never be stored, logged, shown or exported.
 *
 * Only a literal `;` starts a parameter. An encoded one (`%3B`) is data, not a separator: the
 * containers split on the literal character only, and browsers keep `%3B` as written; it is kept.
 *
 * One pass: the pattern starts at a `;` and its repeat stops at the next `/`, so the work is
 * linear in the path's length whatever it holds (a path of only semicolons included).
 */
export function withoutPathParameters(path: string): string {
  return path.includes(';') ? path.replace(/;[^/]*/g, '') : path;
}

/**
 * A path with what each of its parameters holds replaced by `…` (`/app;jsessionid=9F1C…/cart` ->
 * `/app;…/cart`), for a path that must stay told apart from the same path without parameters: a
 * cookie's. A cookie set with no Path attribute at `/app;jsessionid=…/cart/view` has the default
 * path `/app;jsessionid=…/cart` (RFC 6265, 5.1.4), the session id in it. Applied again it changes
 * nothing; one pass, linear in the path's length as withoutPathParameters.
 */
export function pathWithParameterValuesMarked(path: string): string {
  return path.includes(';') ? path.replace(/;[^/]*/g, ';…') : path;
}

/**
 * A URL's query with its values removed, its parameter names kept (`?q=&page=`), or '' when it
 * has none: query values can hold session ids (`?PHPSESSID=…`), tokens and personal data.
 */
export function queryWithoutValues(url: URL): string {
  const names = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=`);
  return names.length > 0 ? `?${names.join('&')}` : '';
}

/**
 * A URL as it may be kept and shown: scheme, host, port, the path without its parameters and
 * the query without its values; no fragment, no credentials. Written as the URL parser writes it,
 * so that cleaning it again (census:merge checks a census so) changes nothing: a name's `'` as
 * `%27`, a dot segment a parameter hid resolved (`/a/..;x/b` is `/b`).
 */
export function addressWithoutValues(url: URL): string {
  return new URL(`${url.protocol}//${url.host}${withoutPathParameters(url.pathname)}${queryWithoutValues(url)}`).href;
}

/**
 * An http(s) URL in a line of text (a driver's error), whole: all that follows up to a space, `"`,
 * `<` or `>`, the only printable ASCII characters a URL as the parser writes it never holds. It
 * keeps the others unencoded somewhere (`'` in a path or fragment, `` ` `` in a query): stopping at
 * any of them would leave the rest, a query value or a fragment, as text. One run of characters
 * with nothing after it, so the match never backtracks: linear in the text's length. From any
 * `http`, a word before it or not (`xhttps://…`).
 */
const URL_IN_TEXT = /https?:\/\/[^\s"<>]+/gi;

/** `text` with each http(s) URL it names written without its values (addressWithoutValues; one that cannot be read as "a URL"). */
export function addressesWithoutValuesIn(text: string): string {
  return text.replace(URL_IN_TEXT, (found) => {
    const url = parsedUrl(found);
    return url ? addressWithoutValues(url) : 'a URL';
  });
}
