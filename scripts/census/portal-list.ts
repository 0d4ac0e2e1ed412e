/**
 * A census's list of portals: one URL per line (as the audit takes one: a host, host:port, or a
 * full http(s) URL), `#` comments and blank lines ignored, each portal once (by host, the first
 * line wins: a host's folder and row must be unique), and its deterministic split into shards.
 */
import { createHash } from 'node:crypto';
import { credentialsRefusedIn, hasCredentials, parseTarget, quoteTyped, shownPath, UsageError } from '../audit/options.ts';
import { addressWithoutValues } from '../../src/core/path-parameters.ts';
import { assertReadableText, CharterError } from '../../src/core/charter/index.ts';
import { CENSUS_FILE_NAMES } from './census-report.ts';

/** A list read: the portals in order, and what identifies it across shards. */
export type PortalList = {
  /** The portals, in list order, each host once. */
  urls: URL[];
  /** SHA-256 of the normalised list (one URL per line): shards of one list share it, whatever its comments. */
  sha256: string;
  /** A line each for the lines skipped as a host already listed: `portals.txt:9: https://x.org/b skipped: …`. */
  repeated: string[];
};

/** A space of any kind (a no-break space too), in a line already trimmed: inside its URL. */
const INNER_SPACE = /\s/;

/**
 * The part of a listed URL that holds `index`: its query after a `?`, else its path (a space in
 * its host is refused before, as no host name; a fragment never reaches here, `#` starting a comment).
 */
function partAt(line: string, index: number): 'query' | 'path' {
  const query = line.indexOf('?');
  return query !== -1 && query < index ? 'query' : 'path';
}

/** Most portals in one list. */
export const MAX_PORTALS = 100_000;

/**
 * Refuses a list that is no UTF-8 text, saying why as `charter check` says it of a charter
 * (assertReadableText: NUL bytes, UTF-16 named as such, control characters, bytes that do not
 * decode as UTF-8), worded for a list: its first line would read as a malformed URL. One pass over
 * the text. An empty list is left to parsePortalList ("no portal listed").
 */
function refuseUnreadableList(text: string, source: string): void {
  try {
    assertReadableText(text);
  } catch (error) {
    if (!(error instanceof CharterError) || error.kind === 'empty') return;
    throw new UsageError(`${shownPath(source)}: ${error.message.replace(/\bcharter\b/g, 'list')}`);
  }
}

/**
 * Whether a list line holds a user name or password, read before its comment is cut (a password
 * holding an unencoded `#`, `https://bob:abc#123@host`, would be cut to its first part and quoted):
 * the whole line, unless a blank and a `#` end an address of a dotted host, or localhost, before
 * them (`data.tco.re:8443  # contact admin@tco.re`); not one a password's blank ends
 * (`https://bob:1234 #56@host`, read as host "bob"), nor a comment whose first word holds an `@`.
 */
function lineHasCredentials(raw: string): boolean {
  if (!hasCredentials(raw)) return false;
  const comment = raw.search(/\s#/);
  // An `@` after that `#` with no blank between is a password's end (`https://john.doe:1234 #56@host`), not a comment's word.
  if (comment === -1 || /\s#\S*@/.test(raw)) return true;
  const before = raw.slice(0, comment).trim();
  if (hasCredentials(before)) return true;
  try {
    const { hostname } = parseTarget(before);
    return !hostname.includes('.') && hostname !== 'localhost';
  } catch {
    return true;
  }
}

/** Reads a list; a line that is no URL is a one-line error naming it (`portals.txt:7: malformed URL …`). */
export function parsePortalList(text: string, source: string): PortalList {
  refuseUnreadableList(text, source);
  const urls: URL[] = [];
  /** Each host listed, and the line that listed it first. */
  const hosts = new Map<string, number>();
  const repeated: string[] = [];
  // Every line end: CRLF, LF, and the lone CR of old Mac files (never part of a URL).
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    // Before its comment is cut: a password holding an unencoded `#` would be cut to its first part, and quoted.
    if (lineHasCredentials(raw)) throw new UsageError(`${shownPath(source)}:${index + 1}: ${credentialsRefusedIn(raw).message}`);
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line === '') continue;
    let url: URL;
    try {
      url = parseTarget(line);
    } catch (error) {
      throw new UsageError(`${shownPath(source)}:${index + 1}: ${(error as Error).message}`);
    }
    // The URL parser writes an inner space as %20: two URLs on a line, or a URL and a name
    // (`https://data.c.org/ Ville de C`), would be audited as one page that does not exist.
    // Where the space is is said, never the value that holds it: the quote stops before a query.
    const space = line.search(INNER_SPACE);
    if (space !== -1)
      throw new UsageError(
        `${shownPath(source)}:${index + 1}: malformed URL: ${quoteTyped(line)} (a space in its ${partAt(line, space)}: a listed URL holds none, one portal a line, a comment after "#"; write a space that is part of the URL as %20)`,
      );
    const host = url.hostname.toLowerCase();
    // Refused before anything is audited: the census would end, every portal audited, unable to write its file.
    if (CENSUS_FILE_NAMES.includes(host))
      throw new UsageError(
        `${shownPath(source)}:${index + 1}: ${host} cannot be in a census: its folder would be the census's own ${host} (audit it alone: npm start -- ${host})`,
      );
    const first = hosts.get(host);
    if (first !== undefined) {
      // Said, not silent: `localhost:9090` after `localhost:8080` is the same host (its folder, its row).
      repeated.push(
        `${shownPath(source)}:${index + 1}: ${addressWithoutValues(url)} skipped: its host ${host} is listed on line ${first} (a host is audited once)`,
      );
      continue;
    }
    if (urls.length >= MAX_PORTALS) throw new UsageError(`${shownPath(source)}: more than ${MAX_PORTALS} portals`);
    hosts.set(host, index + 1);
    urls.push(url);
  }
  if (urls.length === 0) throw new UsageError(`${shownPath(source)}: no portal listed (one URL per line, # for comments)`);
  const sha256 = createHash('sha256')
    .update(urls.map((url) => url.href).join('\n'))
    .digest('hex');
  return { urls, sha256, repeated };
}

/**
 * Positions (0-based, in list order) of shard `index` of `count`: position k goes to shard k % count + 1.
 * Counted from `index - 1` by `count`, never filtered from the whole list: merging N shards of a
 * list costs the list once, not N times.
 */
export function shardPositions(size: number, shard: { index: number; count: number } | null): number[] {
  const [first, step] = shard === null ? [0, 1] : [shard.index - 1, shard.count];
  const positions: number[] = [];
  for (let position = first; position < size; position += step) positions.push(position);
  return positions;
}
