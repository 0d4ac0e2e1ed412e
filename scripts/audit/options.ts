/** The audit command's arguments, read strictly: a mistake is a one-line error, never a guess. */
import { availableParallelism } from 'node:os';
import { DRAFT_LANGUAGES, type DraftLanguage } from '../../src/core/draft/index.ts';

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

URL is a full http(s) URL, a host (https:// is added), host:port, or localhost[:port] (http://).
Loads the extension in a headless browser, visits URL (default: the bundled demo portal), makes the
consent choice, visits N pages in all (default 5: the catalogue, a dataset's map and table, the API
console, a content page...), and writes DIR/report.json, DIR/report.md and DIR/popup.png (one
folder per choice with --consent both). --draft also writes DIR/charter-draft.md and
DIR/charter-draft.html, a corrected charter drafted from the run(s), in the charter's language or
--lang's. --charter FILE (no URL) has the demo portal serve FILE, Markdown or HTML, as its charter.
--portals audits every portal of FILE (one URL per line, # comments) in its own fresh profile,
K at once (default: the number of cores), only the I-th of N parts with --shard, and writes
DIR/census.json, .md, .csv, .html and a folder per portal; "demo" runs the demo census.
Exit codes: 0 done, 1 findings with --strict, 2 bad input or environment.`;

const CONSENT_MODES: readonly ConsentMode[] = ['accept', 'refuse', 'none', 'both'];
const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** `scheme:` at the start of a URL. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** `host:port`, alone or before a path: `localhost:8080`, `data.tco.re:8443/explore/` (a port, not a scheme). */
const HOST_AND_PORT = /^[a-z0-9.-]+:\d+(?:[/?#]|$)/i;
/** Loopback hosts: a local server rarely speaks TLS, so they get http://. */
const LOOPBACK = /^(?:localhost|[a-z0-9-]+\.localhost|127\.\d+\.\d+\.\d+)(?::\d+)?(?:[/?#]|$)/i;

/**
 * Reads a URL argument. A bare host (with or without a port and path) gets https://, or
 * http:// when it is loopback (`localhost`, `localhost:8080`, `127.0.0.1:3000`).
 */
export function parseTarget(text: string): URL {
  const bare = HOST_AND_PORT.test(text) || !SCHEME.test(text);
  const withScheme = bare ? `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}` : text;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`malformed URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`malformed URL: ${JSON.stringify(text)} (only http and https pages can be audited)`);
  // Labels of letters, digits and hyphens joined by single dots: the host names a census's folder (census-report.ts).
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i.test(url.hostname)) {
    throw new UsageError(`malformed URL: ${JSON.stringify(text)} (no valid host name)`);
  }
  return url;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${option} needs a value: ${allowed.join(', ')}`);
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

/** A whole number from `min` to `max`, or a one-line error. */
function wholeNumber(option: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${option} needs a number from ${min} to ${max}`);
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** `I/N`: the I-th of N parts, 1 ≤ I ≤ N (as Playwright's --shard x/y). */
export function parseShard(value: string | undefined): { index: number; count: number } {
  const match = value === undefined ? null : /^(\d{1,6})\/(\d{1,6})$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > MAX_SHARDS || index > count) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (the I-th of N parts), not ${JSON.stringify(value ?? '')}`);
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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--consent':
        options.consent = oneOf('--consent', value(), CONSENT_MODES);
        break;
      case '--browser':
        options.browser = oneOf('--browser', value(), BROWSERS);
        break;
      case '--out': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new UsageError('--out needs a folder');
        options.out = dir;
        outGiven = true;
        break;
      }
      case '--strict':
        // `--strict=false` must not turn it on: a flag takes no value.
        if (inline !== undefined)
          throw new UsageError(`--strict takes no value (got ${JSON.stringify(arg)}): give --strict, or leave it out`);
        options.strict = true;
        break;
      case '--pages':
        options.pages = wholeNumber('--pages', value(), 1, MAX_PAGES);
        break;
      case '--portals': {
        const file = value();
        if (!file || file.startsWith('--')) throw new UsageError('--portals needs a file listing the portals, or "demo"');
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
        if (inline !== undefined)
          throw new UsageError(`--draft takes no value (got ${JSON.stringify(arg)}): give --draft, or leave it out`);
        options.draft = true;
        break;
      case '--lang':
        options.language = oneOf('--lang', value(), DRAFT_LANGUAGES);
        break;
      case '--charter': {
        const file = value();
        if (!file || file.startsWith('--')) throw new UsageError('--charter needs a charter file (Markdown or HTML)');
        options.charter = file;
        break;
      }
      case '--help':
      case '-h':
        if (inline !== undefined) throw new UsageError(`--help takes no value (got ${JSON.stringify(arg)})`);
        options.help = true;
        break;
      default:
        if (name.startsWith('-')) throw new UsageError(`unknown option ${name} (see --help)`);
        if (options.url) throw new UsageError(`one URL at a time: got ${options.url.href} and ${JSON.stringify(name)}`);
        options.url = parseTarget(name);
    }
  }
  if (options.portals !== null && options.url) {
    throw new UsageError(`give a URL or --portals, not both (got ${options.url.href} and --portals ${JSON.stringify(options.portals)})`);
  }
  if (options.portals === null && censusOnly.length > 0) throw new UsageError(`${censusOnly[0]} is for a census: give --portals FILE`);
  if (options.portals !== null && (options.draft || options.charter)) {
    throw new UsageError(`${options.draft ? '--draft' : '--charter'} is for one portal, not a census`);
  }
  if (options.language && !options.draft) throw new UsageError('--lang chooses the language of the charter draft: give --draft too');
  if (options.charter && options.url) {
    throw new UsageError(`--charter serves a charter from the bundled demo portal: give no URL (got ${options.url.href})`);
  }
  if (!outGiven) options.out = options.portals !== null ? 'audit-results/census' : `audit-results/${options.url?.hostname ?? 'demo'}`;
  return options;
}
