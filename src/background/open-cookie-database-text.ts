/**
 * The Open Cookie Database document's JSON text, for the registry (registry-loader.ts), from the
 * package's database script (core/registry/open-cookie-database-script.ts), run when a report
 * first needs it.
 *
 * Measured on a stopped worker woken by the popup (issue #16, Chromium, alternating builds):
 * - fetched from the package as JSON, the text cost the first report about 20 ms (the extension's
 *   URL loader: 3.4 ms to start, 12 ms to read 0.5 MB);
 * - carried inside the worker's script, it cost every wake 4.4 ms (the browser reads the whole
 *   script and deserializes its compiled form, the text included, before the first line runs:
 *   17.0 -> 21.2 ms to answer a message);
 * - imported as a script the worker installed, it costs neither (see platform/package-script.ts).
 */
import {
  documentTextOfScript,
  OPEN_COOKIE_DATABASE_GLOBAL,
  OPEN_COOKIE_DATABASE_SCRIPT,
} from '../core/registry/open-cookie-database-script.ts';

type Loaders = {
  /** Runs the package's classic script (platform/package-script.ts). */
  runScript: (file: string) => Promise<void>;
  /** Reads a file of the package as text. */
  fileText: (file: string) => Promise<string>;
  /** Where the script sets its global. */
  scope?: Record<string, unknown>;
};

/**
 * Runs the database script and takes the text it set (the global is cleared: the registry keeps
 * what it needs). Where the script cannot be run (a worker that did not install it), its text is
 * read from the file instead, without running it.
 */
export async function openCookieDatabaseText({ runScript, fileText, scope = globalThis }: Loaders): Promise<string> {
  try {
    await runScript(OPEN_COOKIE_DATABASE_SCRIPT);
    const text = scope[OPEN_COOKIE_DATABASE_GLOBAL];
    delete scope[OPEN_COOKIE_DATABASE_GLOBAL];
    if (typeof text === 'string') return text;
  } catch {
    // Read below.
  }
  return documentTextOfScript(await fileText(OPEN_COOKIE_DATABASE_SCRIPT));
}
