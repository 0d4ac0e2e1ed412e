/** The audit command's arguments, read strictly: a mistake is a one-line error, never a guess. */
import { availableParallelism } from 'node:os';
import { DRAFT_LANGUAGES, type DraftLanguage } from '../../src/core/draft/index.ts';
import { addressWithoutValues } from '../../src/core/path-parameters.ts';

export type ConsentMode = 'accept' | 'refuse' | 'none' | 'both';
export type BrowserName = 'chromium' | 'firefox';

/** What the command was asked to do. */
export type AuditOptions = {
  /** Page to audit; null for the bundled demo portal. */
  url: URL | null;
  /** Which consent choice to make; `both` runs accept and refuse in two fresh profiles. */
  consent: ConsentMode;
  /** Browser to run the extension in. */
  browser: BrowserName;
  /** Folder the reports go to. */
  out: string;
  /** Exit 1 when there are findings. */
  strict: boolean;
  /** Print the usage and stop. */
  help: boolean;
  /** Pages to visit per portal, the first included (crawl.ts picks the others). */
  pages: number;
  /** A census: the file listing the portals, or `demo` for the demo census; null for one portal. */
  portals: string | null;
  /** Portals audited at once in a census. */
  jobs: number;
  /** In a census, which part of the list to run: the `index`-th (1-based) of `count`; null for all of it. */
  shard: { index: number; count: number } | null;
  /** Also write a corrected charter drafted from the run(s): charter-draft.md and charter-draft.html in `out`. */
  draft: boolean;
  /** The draft's language; null: the charter's. */
  language: DraftLanguage | null;
  /** A charter file (Markdown or HTML) the demo portal serves in place of its own; null: its own. */
  charter: string | null;
};

/** Most pages per portal: more than the kinds of page there are (crawl.ts) is never needed. */
export const MAX_PAGES = 20;
/** Most portals audited at once. */
export const MAX_JOBS = 64;
/** Most parts a list can be split in. */
export const MAX_SHARDS = 1000;

/** Bad arguments: the message is the one line to print; the command exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm start -- [URL] [--consent accept|refuse|none|both] [--browser chromium|firefox] [--pages N] [--out DIR] [--strict]
                    [--draft [--lang fr|en]] [--charter FILE]
       npm start -- --portals FILE|demo [--jobs K] [--shard I/N] [--consent …] [--browser …] [--pages N] [--out DIR] [--strict]

URL is a full http(s) URL, a host (https:// is added), host:port, or localhost[:port] (http://);
never with a user name or password. Logs and reports show it without query values or ;parameters.
Loads the extension in a headless browser, visits URL (default: the bundled demo portal), makes the
consent choice, visits N pages in all (default 5: the start page, the catalogue, a dataset's map and
table, the API console; then a content page...), and writes DIR/report.json, DIR/report.md and DIR/popup.png (one
folder per choice with --consent both). --draft also writes DIR/charter-draft.md and
DIR/charter-draft.html, a corrected charter drafted from the run(s), in the charter's language or
--lang's. --charter FILE (no URL) has the demo portal serve FILE, Markdown or HTML, as its charter.
--portals audits every portal of FILE (one URL per line, # comments) in its own fresh profile,
K at once (default: the number of cores), only the I-th of N parts with --shard, and writes
DIR/census.json, .md, .csv, .html and a folder per portal; "demo" runs the demo census.
--help (or -h) prints this. Exit codes: 0 done, 1 with --strict: findings, or a run that recorded
another choice than the one asked, 2 bad input or environment.`;

/** Every option, each given at most once. */
const OPTIONS = new Set([
  '--consent',
  '--browser',
  '--out',
  '--strict',
  '--pages',
  '--portals',
  '--jobs',
  '--shard',
  '--draft',
  '--lang',
  '--charter',
  '--help',
]);

const CONSENT_MODES: readonly ConsentMode[] = ['accept', 'refuse', 'none', 'both'];
const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** `scheme:` at the start of a URL. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** `host:port`, alone or before a path: `localhost:8080`, `data.tco.re:8443/explore/` (a port, not a scheme). */
const HOST_AND_PORT = /^[a-z0-9.-]+:\d+(?:[/?#]|$)/i;
/** A host (dotted, or localhost) and a colon, read as a scheme when no port follows: `data.tco.re:443x`, `localhost:`. */
const HOST_WITH_BAD_PORT = /^(?:localhost|(?:[a-z0-9-]+\.)+[a-z0-9-]+):/i;
/** Loopback hosts: a local server rarely speaks TLS, so they get http://. */
const LOOPBACK = /^(?:localhost|(?:[a-z0-9-]+\.)+localhost|127\.\d+\.\d+\.\d+)(?::\d+)?(?:[/?#]|$)/i;
/** A user name or password: an `@` before the host ends (the URL parser reads `\` as `/` in http(s) URLs). */
const CREDENTIALS = /^(?:[a-z][a-z0-9+.-]*:)?[\\/]*[^\\/?#]*@/i;
/**
 * A user name and a password holding an unencoded `/`, `?` or `#` (`https://bob:abc#123@host`):
 * the parser ends the host there (reading `https://bob:123#45@host` as host "bob", port 123),
 * but the `@` after it says what was meant. A name, a colon, then what no port is (a character
 * other than a digit, or digits ended by `?` or `#`), then an `@` anywhere, or digits and a `/`,
 * then an `@` before any `?` or `#` (`https://bob:12/34@host`; an `@` in a path right after a port is
 * refused so too): `https://host:8080/x?m=a@b` is no such text. Linear: anchored, each part's characters disjoint from the next's.
 */
const UNENCODED_CREDENTIALS = /^(?:[a-z][a-z0-9+.-]*:)?[\\/]*[^\\/?#@:]*:(?:\d*[^\d\\/?#@][^@]*|\d*[?#][^@]*|\d+[\\/][^?#@]*)@/i;
/** Spaces and controls: the URL parser drops tabs and line breaks anywhere, and spaces and controls at the ends. */
const BLANKS = /[\s\u0000-\u001f\u007f-\u009f]+/g;
/**
 * True when the text holds a user name or password as the URL parser could read it: CREDENTIALS,
 * looked for once every space and control is dropped (`https:\t//user:pass@host`, ` https://user:pass@host`).
 * Linear: one replace, one anchored pattern whose parts match disjoint characters.
 */
export const hasCredentials = (text: string): boolean => {
  const unspaced = text.replace(BLANKS, '');
  return CREDENTIALS.test(unspaced) || UNENCODED_CREDENTIALS.test(unspaced);
};
/** What the URL parser would drop without a word (tabs, line breaks) or cannot be in a URL: C0, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * A file path, not an address: `/…` (the URL parser would read `/tmp/x.html` as the host `tmp`),
 * `\…` (read as `/`), `~…`, `.` or `..` alone or before a slash. Anchored, one character class or
 * two dots: linear.
 */
const FILE_PATH = /^\s*(?:[/\\~]|\.{1,2}(?:[/\\]|$))/;

/** The host as typed, after the scheme and before a port, path, query or fragment. */
const TYPED_HOST = /^[a-z][a-z0-9+.-]*:[\\/]*([^\\/?#]*?)(?::\d*)?(?:[\\/?#]|$)/i;

/** At most this much of what was typed is quoted in an error (as census:merge quotes a bad value). */
const QUOTED = 200;

/** What quoteTyped gives instead of a text with an `@` before its query or fragment. */
const AT_NOT_SHOWN = '(a text with "@", not shown: it may hold a user name or password)';

/**
 * True when `text` has an `@` before its query or fragment, or after them while the text before
 * them is still a URL's host part (no `/` past its scheme): it may hold a user name or password,
 * one holding a `#` or `?` unencoded (`https://bob:abc#123@host`) included, which a cut there would show in part.
 */
function atBeforeQuery(text: string): boolean {
  const query = text.search(/[?#]/);
  const before = query === -1 ? text : text.slice(0, query);
  if (before.includes('@') || hasCredentials(text)) return true;
  return query !== -1 && text.includes('@', query) && !before.replace(/^[a-z][a-z\d+.-]*:\/\//i, '').includes('/');
}

/**
 * A path an error names (a file, a folder made of what was typed), unquoted but cut as quoteTyped
 * cuts it: before its `;`, `?` or `#`, at QUOTED characters; nothing of it when quoteTyped would
 * quote nothing of it (an `@` before its query or fragment). A path in `--out x?token=…` is never
 * named whole after its value was cut.
 */
export const shownPath = (path: string): string => (atBeforeQuery(path) ? AT_NOT_SHOWN : cutTyped(path));

/**
 * A URL argument or list line quoted in an error: cut before its path parameters, query and
 * fragment (a session id's value, a token: never shown, see src/core/path-parameters.ts), and
 * at QUOTED characters (a 1 MB line is not echoed whole). Not quoted at all when an `@` comes
 * before its query or fragment, wherever it is: a user name or password, however the text
 * around it is spaced or broken, is never shown (not even in part).
 */
export function quoteTyped(text: string): string {
  if (atBeforeQuery(text)) return AT_NOT_SHOWN;
  const cut = text.search(/[;?#]/);
  return quoted(cut === -1 ? text : `${text.slice(0, cut)}…`);
}

/** An address quoted in an error: as quoteTyped, and never one with a user name or password (not even in part). */
export function quoteAddress(text: string): string {
  return hasCredentials(text) ? '(an address with a user name or password, not shown)' : quoteTyped(text);
}

/** A value quoted in an error, at most QUOTED characters of it. */
export const quoted = (text: string): string => JSON.stringify(text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text);

/** `text` cut as quoteTyped cuts it (before its `;`, `?` or `#`, at QUOTED characters), unquoted. */
function cutTyped(text: string): string {
  const cut = text.search(/[;?#]/);
  const kept = (cut === -1 ? text : text.slice(0, cut)).slice(0, QUOTED);
  return kept.length < text.length ? `${kept}…` : kept;
}

/** The error for an option the command does not have, its name cut as quoteTyped cuts a value (`-x#token` shows `-x…`). */
export const unknownOption = (name: string): UsageError =>
  new UsageError(`unknown option ${atBeforeQuery(name) ? AT_NOT_SHOWN : cutTyped(name)} (see --help)`);

/**
 * True when the argument after an option is no value for it: there is none, or it is an option
 * itself (`--shard --out x`, `--out -h`). Shared with census:merge, which reads `--out` alike.
 */
export const noValueIn = (next: string | undefined): next is undefined => next === undefined || next.startsWith('--') || next === '-h';

/** A value an option did not get (see `value` in parseAuditArgs). */
const missing = (value: string | undefined): value is undefined => value === undefined;

/**
 * The error for a value given with `=` that starts with `--` (`--out=--strict`): most likely an
 * option written after `=` by mistake, so it is refused, saying how to give such a name. Shared
 * with census:merge.
 */
export function optionAsValue(option: string, value: string): UsageError {
  if (atBeforeQuery(value)) return new UsageError(`${option}=${AT_NOT_SHOWN}: a value starting with "--" reads as an option`);
  const shown = quoteTyped(value);
  // The name to type is suggested only when it is shown whole.
  const whole = shown === quoted(value);
  return new UsageError(
    `${option}=${shown}: a value starting with "--" reads as an option; for a folder or file so named, ${whole ? `give ./${shown.slice(1, -1)}` : 'give it after ./'}`,
  );
}

/** A URL with a user name or password: the error never quotes it. */
export const credentialsRefused = () =>
  new UsageError('malformed URL: a user name or password before "@" is refused (it is never shown or kept): give the address without it');

/** Why a URL of another scheme is refused. */
const ONLY_HTTP = 'only http and https pages can be audited';

/**
 * Schemes written without `//` whose name no one takes for a user name: `mailto:dpo@x.org` is an
 * e-mail address, not the user "mailto" and the password "dpo". Any other name before a colon and
 * an `@` (`user:s3cret@host`, `ftp:s3cret@host`) is still read as a user name. Before digits, one
 * of these is a scheme, not a host and its port (`tel:3615`); any other name is a host (`portal:8080`).
 */
const SCHEMES_WITHOUT_SLASHES = new Set([
  'mailto',
  'tel',
  'sms',
  'callto',
  'fax',
  'javascript',
  'data',
  'blob',
  'about',
  'file',
  'urn',
  'news',
  'geo',
  'magnet',
  'sip',
  'sips',
  'xmpp',
]);
/** A scheme at the start (after the blanks the URL parser drops; no dot, which a host has), and the `//` after it. */
const LEADING_SCHEME = /^[\s\u0000-\u001f\u007f-\u009f]*([a-z][a-z0-9+-]*):([\\/]{2})?/i;

/** True when `text` names another scheme than http(s): `ftp://…`, or a scheme written without `//` (`mailto:`). */
function namesOtherScheme(text: string): boolean {
  const match = LEADING_SCHEME.exec(text);
  if (match === null) return false;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'localhost') return false;
  return match[2] !== undefined || SCHEMES_WITHOUT_SLASHES.has(scheme);
}

/**
 * The error for a text holding a user name or password (hasCredentials), quoting nothing of it:
 * its scheme's refusal when it names another than http(s), as `ftp:` gets (`mailto:dpo@x.org` was
 * refused for a password it does not hold), else credentialsRefused.
 */
export const credentialsRefusedIn = (text: string): UsageError =>
  namesOtherScheme(text) ? new UsageError(`malformed URL: ${AT_NOT_SHOWN} (${ONLY_HTTP})`) : credentialsRefused();

/** Why a host name is not one the audit visits (DNS's limits: RFC 1035 2.3.4, RFC 1123 2.1), or null. */
function hostProblem(hostname: string, typedHost: string): string | null {
  // Labels of letters, digits and hyphens joined by single dots: the host names a census's folder (census-report.ts).
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i.test(hostname)) return 'no valid host name';
  const labels = hostname.split('.');
  if (labels.some((label) => label.length > 63)) return 'a label of a host name has 63 characters at most';
  if (hostname.length > 253) return 'a host name has 253 characters at most';
  if (labels.some((label) => label.startsWith('-') || label.endsWith('-')))
    return 'a label of a host name cannot start or end with a hyphen';
  // The parser reads `5`, `127.1` or `0x7f.1` as IPv4 addresses: only one written a.b.c.d is taken as meant.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname) && typedHost.toLowerCase() !== hostname) {
    return `read as the IPv4 address ${hostname}: give a host name, or an IPv4 address written a.b.c.d`;
  }
  return null;
}

/** The refusal of a port the URL parser cannot read, or one no server listens on. */
const PORT_RANGE = 'the port after the host must be a number from 1 to 65535';

/** The host and port of an http(s) URL as typed, before its path, query or fragment (a user name is refused before). */
const TYPED_AUTHORITY = /^[a-z][a-z0-9+.-]*:[\\/]*([^\\/?#]*)/i;

/**
 * Why the URL parser refused an http(s) URL (`withScheme`): for these schemes it fails only on the
 * host or the port. A host ending in a number is read as an IPv4 address (`10.0.0.256`), and a
 * label starting with `xn--` as Punycode (`xn--a.fr`), whose failures said nothing of why.
 */
function unreadableReason(withScheme: string): string {
  const authority = TYPED_AUTHORITY.exec(withScheme)?.[1] ?? '';
  // A colon past an IPv6 address's brackets starts the port.
  const colon = authority.lastIndexOf(':');
  const hasPort = colon > authority.lastIndexOf(']');
  const host = hasPort ? authority.slice(0, colon) : authority;
  if (host === '') return 'no host';
  if (hasPort && !/^\d*$/.test(authority.slice(colon + 1))) return PORT_RANGE;
  if (hasPort && Number(authority.slice(colon + 1)) > 65535) return PORT_RANGE;
  const labels = host.split('.');
  // A character no label holds (a space) is the fault, before any number or Punycode in them.
  if (!labels.every((label) => /^[\p{L}\p{N}\p{M}-]*$/u.test(label))) return 'no valid host name';
  // The URL standard's "ends in a number": the last label, or the one before a final dot.
  const last = labels.at(-1) === '' && labels.length > 1 ? labels.at(-2)! : labels.at(-1)!;
  if (/^(?:\d+|0x[0-9a-f]*)$/i.test(last))
    return 'read as an IPv4 address, which it is not: give four numbers from 0 to 255, written a.b.c.d, or a host name';
  if (labels.some((label) => /^xn--/i.test(label)))
    return 'a label starting with "xn--" is not valid Punycode: give the host name as it is written';
  return 'no valid host name';
}

/**
 * Reads a URL argument. A bare host (with or without a port and path) gets https://, or
 * http:// when it is loopback (`localhost`, `localhost:8080`, `127.0.0.1:3000`). Refused with one
 * line: a user name or password (never echoed), control characters, a file path (`/tmp/x.html`,
 * `./x.html`, `~/x.html`), a host name DNS could not hold, a number read as an IPv4 address, port 0,
 * another scheme than http(s), digits after one written without `//` too (`tel:3615`).
 */
export function parseTarget(text: string): URL {
  if (hasCredentials(text)) throw credentialsRefusedIn(text);
  const malformed = (reason: string) => new UsageError(`malformed URL: ${quoteTyped(text)} (${reason})`);
  if (CONTROL.test(text)) throw malformed('a control character, such as a tab or a line break, cannot be part of a URL');
  if (FILE_PATH.test(text)) {
    throw new UsageError(
      `malformed URL: ${quoteTyped(text)} is a file path, not an address: the audit visits http(s) pages (serve the file, on localhost for one, and give its URL)`,
    );
  }
  // A scheme no one takes for a host (`tel:`, `sms:`: SCHEMES_WITHOUT_SLASHES) is one before digits
  // too: `tel:3615` was visited as https://tel:3615/, and `tel:0612345678` refused for its port.
  if (HOST_AND_PORT.test(text) && namesOtherScheme(text)) {
    const scheme = SCHEME.exec(text)![0].toLowerCase();
    throw malformed(`${ONLY_HTTP}: "${scheme}" is read as a scheme; for a host so named, write https:// before it`);
  }
  const bare = HOST_AND_PORT.test(text) || !SCHEME.test(text);
  // No scheme has a dot, nor is one `localhost`: that is a host whose port is no number.
  if (!bare && HOST_WITH_BAD_PORT.test(text)) throw malformed(PORT_RANGE);
  const withScheme = bare ? `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}` : text;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw malformed(unreadableReason(withScheme));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw malformed(ONLY_HTTP);
  // Checked again on what the parser read: whatever the pattern above missed is still refused, never echoed.
  if (url.username !== '' || url.password !== '') throw credentialsRefused();
  const problem = hostProblem(url.hostname, TYPED_HOST.exec(withScheme)?.[1] ?? '');
  if (problem !== null) throw malformed(problem);
  if (url.port === '0') throw malformed('port 0 is no port a server listens on');
  return url;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (missing(value)) throw new UsageError(`${option} needs a value: ${allowed.join(', ')}`);
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not ${quoteTyped(value)}`);
  return value as T;
}

/** A whole number from `min` to `max`, or a one-line error. */
function wholeNumber(option: string, value: string | undefined, min: number, max: number): number {
  if (missing(value)) throw new UsageError(`${option} needs a number from ${min} to ${max}`);
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not ${quoteTyped(value)}`);
  }
  return Number(value);
}

/** `I/N`: the I-th of N parts, 1 ≤ I ≤ N (as Playwright's --shard x/y). */
export function parseShard(value: string | undefined): { index: number; count: number } {
  if (missing(value)) throw new UsageError(`--shard needs I/N, 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (the I-th of N parts)`);
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > MAX_SHARDS || index > count) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (the I-th of N parts), not ${quoteTyped(value)}`);
  }
  return { index, count };
}

/** Parses the arguments after `npm start --`. */
export function parseAuditArgs(argv: readonly string[], cores = availableParallelism()): AuditOptions {
  const options: AuditOptions = {
    url: null,
    consent: 'both',
    browser: 'chromium',
    out: 'audit-results',
    strict: false,
    help: false,
    pages: 5,
    portals: null,
    jobs: Math.max(1, Math.min(MAX_JOBS, cores)),
    shard: null,
    draft: false,
    language: null,
    charter: null,
  };
  let outGiven = false;
  const censusOnly: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    // Given with `=`, what follows it (refused when it starts like an option: optionAsValue); given
    // apart, the next argument, unless that is an option (`--shard --out x`, `--out -h`): then none,
    // and it is read as one.
    const value = () => {
      if (inline?.startsWith('--')) throw optionAsValue(name, inline);
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (noValueIn(next)) return undefined;
      i++;
      return next;
    };
    // `--consent accept --consent refuse` is a mistake somewhere: neither value is guessed at.
    const option = name === '-h' ? '--help' : name;
    if (OPTIONS.has(option)) {
      if (given.has(option)) throw new UsageError(`${option} given twice: give it once`);
      given.add(option);
    }
    switch (name) {
      case '--consent':
        options.consent = oneOf('--consent', value(), CONSENT_MODES);
        break;
      case '--browser':
        options.browser = oneOf('--browser', value(), BROWSERS);
        break;
      case '--out': {
        const dir = value();
        if (missing(dir) || dir === '') throw new UsageError('--out needs a folder');
        options.out = dir;
        outGiven = true;
        break;
      }
      case '--strict':
        // `--strict=false` must not turn it on: a flag takes no value.
        if (inline !== undefined) throw new UsageError(`--strict takes no value (got ${quoteTyped(arg)}): give --strict, or leave it out`);
        options.strict = true;
        break;
      case '--pages':
        options.pages = wholeNumber('--pages', value(), 1, MAX_PAGES);
        break;
      case '--portals': {
        const file = value();
        if (missing(file) || file === '') throw new UsageError('--portals needs a file listing the portals, or "demo"');
        options.portals = file;
        break;
      }
      case '--jobs':
        options.jobs = wholeNumber('--jobs', value(), 1, MAX_JOBS);
        censusOnly.push('--jobs');
        break;
      case '--shard':
        options.shard = parseShard(value());
        censusOnly.push('--shard');
        break;
      case '--draft':
        if (inline !== undefined) throw new UsageError(`--draft takes no value (got ${quoteTyped(arg)}): give --draft, or leave it out`);
        options.draft = true;
        break;
      case '--lang':
        options.language = oneOf('--lang', value(), DRAFT_LANGUAGES);
        break;
      case '--charter': {
        const file = value();
        if (missing(file) || file === '') throw new UsageError('--charter needs a charter file (Markdown or HTML)');
        options.charter = file;
        break;
      }
      case '--help':
      case '-h':
        if (inline !== undefined) throw new UsageError(`--help takes no value (got ${quoteTyped(arg)})`);
        options.help = true;
        break;
      default:
        if (name.startsWith('-')) throw unknownOption(name);
        if (options.url) {
          parseTarget(name); // a user name or password in it is refused before anything of it is quoted
          throw new UsageError(`one URL at a time: got ${quoteTyped(addressWithoutValues(options.url))} and ${quoteTyped(name)}`);
        }
        options.url = parseTarget(name);
    }
  }
  if (options.portals !== null && options.url) {
    throw new UsageError(
      `give a URL or --portals, not both (got ${quoteTyped(addressWithoutValues(options.url))} and --portals ${quoteTyped(options.portals)})`,
    );
  }
  if (options.portals === null && censusOnly.length > 0) throw new UsageError(`${censusOnly[0]} is for a census: give --portals FILE`);
  if (options.portals !== null && (options.draft || options.charter)) {
    throw new UsageError(`${options.draft ? '--draft' : '--charter'} is for one portal, not a census`);
  }
  if (options.language && !options.draft) throw new UsageError('--lang chooses the language of the charter draft: give --draft too');
  if (options.charter && options.url) {
    throw new UsageError(
      `--charter serves a charter from the bundled demo portal: give no URL (got ${quoteTyped(addressWithoutValues(options.url))})`,
    );
  }
  if (!outGiven) options.out = options.portals !== null ? 'audit-results/census' : `audit-results/${options.url?.hostname ?? 'demo'}`;
  return options;
}
