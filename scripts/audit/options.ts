/** The audit command's arguments, read strictly: a mistake is a one-line error, never a guess. */
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
  /** Also write a corrected charter drafted from the run(s): charter-draft.md and charter-draft.html in `out`. */
  draft: boolean;
  /** The draft's language; null: the charter's. */
  language: DraftLanguage | null;
  /** A charter file (Markdown or HTML) the demo portal serves in place of its own; null: its own. */
  charter: string | null;
};

/** Bad arguments: the message is the one line to print; the command exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm start -- [URL] [--consent accept|refuse|none|both] [--browser chromium|firefox] [--out DIR] [--strict]
                    [--draft [--lang fr|en]] [--charter FILE]

URL is a full http(s) URL, a host (https:// is added), host:port, or localhost[:port] (http://).
Loads the extension in a headless browser, visits URL (default: the bundled demo portal), makes the
consent choice, and writes DIR/report.json, DIR/report.md and DIR/popup.png (one folder per choice
with --consent both). --draft also writes DIR/charter-draft.md and DIR/charter-draft.html, a
corrected charter drafted from the run(s), in the charter's language or --lang's. --charter FILE
(no URL) has the demo portal serve FILE, Markdown or HTML, as its charter.
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
  if (!url.hostname || !/^[a-z0-9.-]+$/i.test(url.hostname) || url.hostname.startsWith('.') || url.hostname.endsWith('.')) {
    throw new UsageError(`malformed URL: ${JSON.stringify(text)} (no valid host name)`);
  }
  return url;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${option} needs a value: ${allowed.join(', ')}`);
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

/** Parses the arguments after `npm start --`. */
export function parseAuditArgs(argv: readonly string[]): AuditOptions {
  const options: AuditOptions = {
    url: null,
    consent: 'both',
    browser: 'chromium',
    out: 'audit-results',
    strict: false,
    help: false,
    draft: false,
    language: null,
    charter: null,
  };
  let outGiven = false;
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
  if (options.language && !options.draft) throw new UsageError('--lang chooses the language of the charter draft: give --draft too');
  if (options.charter && options.url) {
    throw new UsageError(`--charter serves a charter from the bundled demo portal: give no URL (got ${options.url.href})`);
  }
  if (!outGiven) options.out = `audit-results/${options.url?.hostname ?? 'demo'}`;
  return options;
}
