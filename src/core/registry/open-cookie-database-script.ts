/**
 * The Open Cookie Database document as the extension's packages carry it for the worker: a
 * classic script of one statement, which sets a global to the document's JSON text. The worker
 * runs it when a report first needs the registry (src/background/open-cookie-database-text.ts):
 * the text is not part of the worker's own script, which the browser reads and deserializes at
 * every wake. The value is a JSON string, so the text can also be read back without running the
 * script (where it cannot be run).
 */

/** The global the script sets. */
export const OPEN_COOKIE_DATABASE_GLOBAL = 'cookieCharterInspectorOpenCookieDatabase';

/** The script's file, at the root of each package (beside the worker's). */
export const OPEN_COOKIE_DATABASE_SCRIPT = 'open-cookie-database.js';

const PREFIX = `self.${OPEN_COOKIE_DATABASE_GLOBAL}=`;

/** The script that carries `documentText`. */
export function openCookieDatabaseScript(documentText: string): string {
  return `${PREFIX}${JSON.stringify(documentText)};\n`;
}

/** The document's text in the script's text, read without running it; throws on any other text. */
export function documentTextOfScript(script: string): string {
  const end = script.trimEnd();
  if (!script.startsWith(PREFIX) || !end.endsWith(';'))
    throw new Error(`${OPEN_COOKIE_DATABASE_SCRIPT} is not the database script the build writes`);
  const text: unknown = JSON.parse(end.slice(PREFIX.length, -1));
  if (typeof text !== 'string') throw new Error(`${OPEN_COOKIE_DATABASE_SCRIPT} does not set a text`);
  return text;
}
