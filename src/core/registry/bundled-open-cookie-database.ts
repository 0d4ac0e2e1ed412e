/**
 * The bundled Open Cookie Database rows, read from the generated JSON by import: for Node (the
 * CLI, scripts, tests). The extension's worker does not import this; it reads the same JSON,
 * gzipped, from its package when it first needs it (src/background/registry-loader.ts).
 */
import generatedOpenCookieDatabase from './open-cookie-database.generated.json';
import { rowsFromDocument, type OpenCookieDatabaseRow } from './open-cookie-database-document.ts';

let rows: readonly OpenCookieDatabaseRow[] | undefined;

/** The bundled Open Cookie Database rows, decoded on first use. */
export function bundledOpenCookieDatabaseRows(): readonly OpenCookieDatabaseRow[] {
  rows ??= rowsFromDocument(generatedOpenCookieDatabase);
  return rows;
}
