/**
 * The charter CLI (`npm run --silent charter -- parse|check|text INPUT`): reads what operators
 * have, a charter as text, a saved charter page (HTML), or the https:// URL of a live charter
 * page, fetched anonymously with the extension's limits. Its outside world (output, fetch) is
 * passed in, so the tests drive it in-process with a fake network.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CharterError,
  charterTextOfPage,
  decodeCharterBytes,
  decodePage,
  fetchCharterPage,
  isBlankText,
  isHtmlPage,
  pageEncoding,
  pageFailureOfError,
  pageFailureText,
  type FetchLike,
  MAX_CHARTER_PAGE_BYTES,
  readCharterPage,
  readCharterPageReading,
} from '../../src/core/charter/index.ts';
import { parsedUrl } from '../../src/core/path-parameters.ts';
import { hasCredentials } from '../audit/options.ts';
import { typedPathPlace } from '../audit/typed-path.ts';
import { checkFailed, formatCheckReport, formatFailure, formatParsedCharter, type CheckedFile } from './cli-output.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import { encodingProblem } from './file-encoding.ts';

export const USAGE = `usage: npm run --silent charter -- parse INPUT
       npm run --silent charter -- check INPUT...
       npm run --silent charter -- text INPUT
       npm run --silent charter -- --help
  INPUT  a charter file (text, or a saved charter page in HTML), or the https:// URL of a charter page
         (a file that exists is read as a file, whatever its name; a relative one from the folder the command was typed in)
  parse  print the charter's portal, language and entries as one JSON object
  check  summarise each charter: portal, language, entries per category, rows it could not read
  text   print the text the parser reads (for an HTML page, the page laid out as lines; check's line numbers count these)`;

/** What the CLI writes to and fetches with. */
export type CliIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  fetch: FetchLike;
};

/** A charter page read from a file or the network: its body and what it says it is. */
/**
 * A charter page read: how to name it, its text, its content type when known, whether it is
 * HTML, and for a file whose bytes are not whole in the encoding it was read in, why
 * (file-encoding.ts): its bad bytes were read as U+FFFD.
 */
export type CharterInput = { label: string; body: string; contentType: string | null; html: boolean; encodingProblem?: string };
type Page = CharterInput;

/** File extensions of saved web pages. */
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

/** An input that is a URL rather than a file name: a scheme before a colon (not a one-letter drive). */
const URL_INPUT = /^[a-z][a-z0-9+.-]+:/i;

/** The line ends the parser reads (normaliseText): LF, CRLF, a lone CR, NEL, the line and paragraph separators. */
const PARSER_LINE_ENDS = /\r\n?|[\n\u2028\u2029\u0085]/;

/** At most this much of a command word is quoted in an error. */
const QUOTED = 200;

/** Runs the CLI; the exit status: 0 ok, 1 an input could not be read as a charter, 2 wrong usage. */
export async function runCharterCli(args: readonly string[], io: CliIo): Promise<number> {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({
      positionals,
      values: { help },
    } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return usageError(oneLine(error), io);
  }
  if (help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (command === 'parse' || command === 'text') {
    if (inputs.length !== 1) return usageError(`${command} takes one INPUT, not ${inputs.length}`, io);
    return command === 'parse' ? parseCommand(inputs[0]!, io) : textCommand(inputs[0]!, io);
  }
  if (command === 'check') return inputs.length > 0 ? checkCommand(inputs, io) : usageError('check takes one INPUT or more', io);
  if (command === undefined) return usageError('no command: give parse, check or text', io);
  // A URL given with no command before it: named as an input is, without a user name or password.
  const shown = shownInput(command);
  const quoted = JSON.stringify(shown.length > QUOTED ? `${shown.slice(0, QUOTED)}…` : shown);
  return usageError(`unknown command ${terminalText(quoted)} (parse, check or text)`, io);
}

/** Wrong usage: why, on one line, then the usage; exit status 2. */
function usageError(reason: string, io: CliIo): number {
  io.stderr(`charter: ${reason}\n${USAGE}\n`);
  return 2;
}

async function parseCommand(input: string, io: CliIo): Promise<number> {
  const page = await readInput(input, io.fetch);
  if ('error' in page) return fail(shownInput(input), page.error, io);
  try {
    io.stdout(formatParsedCharter(readCharterPage(page.body, page.contentType)));
    warnEncoding(shownInput(input), page, io);
    return 0;
  } catch (error) {
    return fail(shownInput(input), describeReadingError(error, page), io);
  }
}

async function textCommand(input: string, io: CliIo): Promise<number> {
  const page = await readInput(input, io.fetch);
  if ('error' in page) return fail(shownInput(input), page.error, io);
  try {
    // Safe for a terminal as everything else printed (tabs, the cells' layout, and lines kept), each
    // line apart, ended as the parser ends it: check's line numbers count these lines. A CR reached
    // the filter, which makes it a space (a CR-only file printed on one line), and an escape string
    // left open ran on to the next escape, lines and all.
    const text = charterTextOfPage(page.body, page.contentType)
      .split(PARSER_LINE_ENDS)
      .map((line) => terminalText(line, { keepLineFeeds: true, keepTabs: true }))
      .join('\n');
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    warnEncoding(shownInput(input), page, io);
    return 0;
  } catch (error) {
    return fail(shownInput(input), describeError(error), io);
  }
}

/**
 * Each input's report on stdout, one that could not be read (a missing file, an http:// URL) with
 * its reason in its place (`FAILED: …`), then the count: the whole report in one stream, in order,
 * for a CI log or a file it is written to; exit 1 when one failed.
 */
async function checkCommand(inputs: readonly string[], io: CliIo): Promise<number> {
  let failed = 0;
  for (const input of inputs) {
    const checked = await checkInput(input, io);
    io.stdout(`${formatCheckReport(checked)}\n`);
    if (checkFailed(checked)) failed++;
  }
  // Inputs: a URL is one too ("2 files checked" of a file and a URL).
  io.stdout(`${inputs.length} input${inputs.length === 1 ? '' : 's'} checked, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

async function checkInput(input: string, io: CliIo): Promise<CheckedFile> {
  const page = await readInput(input, io.fetch);
  if ('error' in page) return { file: shownInput(input), error: page.error };
  try {
    const reading = readCharterPageReading(page.body, page.contentType);
    warnEncoding(shownInput(input), page, io);
    return { file: page.label, reading };
  } catch (error) {
    return { file: page.label, error: describeReadingError(error, page) };
  }
}

/** The page an input names, or a one-line reason it cannot be read: a file that exists is a file (`notes:v2.txt`), whatever its name. */
async function readInput(input: string, fetch: FetchLike): Promise<Page | { error: string }> {
  return isUrlInput(input) ? readUrl(input, fetch) : readCharterFile(input, inputPlace(input));
}

/**
 * Where a file input lies: a relative one in the folder the command was typed in, not the
 * package's root npm runs the script from (typed-path.ts, as the audit reads `--charter FILE`).
 * An empty input stays empty, no file, rather than naming that folder.
 */
const inputPlace = (input: string): string => (input === '' ? input : typedPathPlace(input));

/** Whether an input is read as a URL: it looks like one, and no file is so named where it was typed. */
const isUrlInput = (input: string): boolean => URL_INPUT.test(input) && !existsSync(inputPlace(input));

/** A text opening as an address does (`//host`, `scheme://`, `user:`), not a file name (`site@2024.md`). */
const ADDRESS_LIKE = /^\s*(?:(?:[a-z][a-z0-9+.-]*:)?[\\/]{2}|[^\s\\/?#@:]+:)/i;

/** What a URL input with an `@` the URL parser cannot read is named in output. */
const AT_NOT_SHOWN = '(a URL with "@", not shown: it may hold a user name or password)';

/**
 * An input as output names it: a URL without its user name and password (refused, never printed);
 * one the URL parser cannot read, not at all when it has an `@` anywhere (its user name and
 * password cannot be told apart from the rest). A file by its name, as typed.
 */
function shownInput(input: string): string {
  // A file by its name, unless none is so named and it reads as an address with a password (`//bob:pw@host/c`).
  if (!isUrlInput(input)) return ADDRESS_LIKE.test(input) && hasCredentials(input) && !existsSync(inputPlace(input)) ? AT_NOT_SHOWN : input;
  const url = parsedUrl(input);
  // Anywhere: a password may hold a `#` or `?` unencoded, which the parser reads as the end of the host.
  if (url === null) return input.includes('@') ? AT_NOT_SHOWN : input;
  // No user name to the parser, but one meant: a password holding an unencoded `#` (`https://bob:123#45@host`, read as host "bob").
  if (url.username === '' && url.password === '') return hasCredentials(input) ? AT_NOT_SHOWN : input;
  url.username = '';
  url.password = '';
  return url.href;
}

async function readUrl(input: string, fetch: FetchLike): Promise<Page | { error: string }> {
  const url = parsedUrl(input);
  if (url === null) return { error: 'not a valid URL' };
  if (url.protocol === 'http:')
    return { error: 'only https:// URLs are read: a charter fetched over plain http could be forged on the way' };
  if (url.protocol !== 'https:') return { error: `only https:// URLs are read, not ${url.protocol}` };
  // fetch refuses such a URL ("network error" said nothing of why), and a live charter is public.
  if (url.username !== '' || url.password !== '' || hasCredentials(input))
    return { error: 'a user name or password in the URL is never sent (a charter page is read anonymously): give the URL without them' };
  const page = await fetchCharterPage(url.href, fetch);
  if ('problem' in page) return { error: pageFailureText(page.problem) };
  // Said as the extension says it (fetchLiveCharter): the reader's "the file is empty" is for a file.
  if (isBlankText(page.body)) return { error: pageFailureText({ kind: 'empty' }) };
  const label = page.url === input ? input : `${input} (read from ${page.url})`;
  // The core's own test (as readCharterPageReading reads it): the note and the reading never disagree.
  const html = isHtmlPage(page.body, page.contentType);
  return {
    // Line numbers of a text/plain charter are its own: only a page's need the note.
    label: html ? `${label}: HTML page, line numbers count the lines of its text (see \`charter text\`)` : label,
    body: page.body,
    contentType: page.contentType,
    html,
  };
}

/**
 * A charter file as the CLI reads it (text or a saved page, 2 MB at most), or a one-line reason it
 * cannot be read: read at `place` (where the path typed as `file` lies: typed-path.ts), named `file`.
 */
export function readCharterFile(file: string, place: string = file): Page | { error: string } {
  try {
    const stats = statSync(place);
    if (stats.isDirectory()) return { error: 'is a directory, not a charter file' };
    if (!stats.isFile()) return { error: 'not a regular file' };
    if (stats.size > MAX_CHARTER_PAGE_BYTES) {
      return {
        error: `${stats.size.toLocaleString('en')} bytes, over the limit of ${MAX_CHARTER_PAGE_BYTES.toLocaleString('en')}: not read`,
      };
    }
    const bytes = readFileSync(place);
    const contentType = HTML_EXTENSIONS.has(extname(place).toLowerCase()) ? 'text/html' : null;
    // A saved page is decoded as the extension decodes it live (its BOM, its <meta charset>): a page
    // saved in windows-1252 read as UTF-8 lost its accented headings and held "no cookie table".
    // A text charter is UTF-8, whatever it holds.
    const body = contentType === null ? decodeCharterBytes(bytes) : decodePage(bytes, pageEncoding(null, bytes));
    const isHtml = isHtmlPage(body, contentType);
    const problem = encodingProblem(bytes, contentType);
    return {
      label: isHtml ? `${file}: HTML page, line numbers count the lines of its text (see \`charter text\`)` : file,
      body,
      contentType,
      html: isHtml,
      ...(problem === null ? null : { encodingProblem: problem }),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'no such file' };
    if (code === 'EACCES') return { error: 'permission denied' };
    // By its code alone: Node's message names the path, which an error may not show (`--charter`'s with an `@`).
    return { error: code === undefined ? `cannot read the file: ${oneLine(error)}` : `cannot read the file (${code})` };
  }
}

/**
 * Why a page gave no charter. An HTML page whose markup lays out no text has no cookie table, as
 * the extension says of it (pageFailureOfError): "the page has no text" sent an author looking for
 * another failure than the popup's. A saved page with nothing in it at all is still said empty.
 */
function describeReadingError(error: unknown, page: Page): string {
  // A charter saved as Latin-1 loses its accented header words: its encoding is the reason, not "no cookie table".
  // Binary data (NUL bytes, UTF-16 read as UTF-8) is said as such, as `--charter` says it.
  const binary = error instanceof CharterError && error.kind === 'binary';
  if (page.encodingProblem !== undefined && !binary) return page.encodingProblem;
  const hasMarkup = !isBlankText(page.body);
  if (page.html && hasMarkup && error instanceof CharterError && error.kind === 'empty') return pageFailureText(pageFailureOfError(error));
  return describeError(error);
}

function describeError(error: unknown): string {
  return error instanceof CharterError ? oneLine(error) : `internal error: ${oneLine(error)}`;
}

/** A file read all the same though its bytes are not whole in its encoding: said on stderr, the output left as it is. */
function warnEncoding(input: string, page: Page, io: CliIo): void {
  if (page.encodingProblem === undefined) return;
  io.stderr(formatFailure(input, `warning: ${page.encodingProblem}; the characters that could not be decoded read as U+FFFD`));
}

function fail(input: string, reason: string, io: CliIo): number {
  io.stderr(formatFailure(input, reason));
  return 1;
}

/** An error's message on one line, terminal escapes and controls taken out. */
function oneLine(error: unknown): string {
  return terminalText(error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .trim();
}
