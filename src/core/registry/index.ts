/**
 * core/registry's public API for Node code (the builds, the benchmarks): the bundled charters,
 * the Open Cookie Database (its build-time transform, its document and where it lives), the
 * registry and matching. The extension's own code imports the files it needs directly, so the
 * worker never carries the CSV reader.
 */
export { BUNDLED_CHARTERS, BUNDLED_PORTAL_HOSTS, buildBundledRegistry } from './bundled.ts';
export { bundledOpenCookieDatabaseRows } from './bundled-open-cookie-database.ts';
export { documentFromCsv, rowsFromCsv, serializeDocument } from './open-cookie-database-csv.ts';
export {
  OPEN_COOKIE_DATABASE_FILES,
  OPEN_COOKIE_DATABASE_SOURCE,
  rowsFromDocument,
  type OpenCookieDatabaseDocument,
  type OpenCookieDatabaseRow,
} from './open-cookie-database-document.ts';
export { buildRegistry, charterFor, type CharterKind, type Registry } from './registry.ts';
export { matchCookie, type CookieIdentity, type MatchResult, type MatchSource } from './match.ts';
