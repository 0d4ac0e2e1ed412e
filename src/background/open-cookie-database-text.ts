/**
 * The Open Cookie Database document (open-cookie-database.generated.json) as JSON text inside the
 * worker's script, parsed when a report first needs the registry (registry-loader.ts).
 *
 * It was fetched from the package instead; on a stopped worker, that fetch was the longest step
 * before the popup's first report: about 20 ms to start the load and read 0.5 MB through the
 * extension's URL loader, against a few for JSON.parse (issue #16, cold start, Chromium). As a
 * string the script only carries it: a wake does not parse it, and was measured no slower (a
 * stopped worker woken, 2,000 cookies recorded: 16.6 ms with it, 17.2 without, alternating).
 * Parsed into objects at start-up, as an earlier version bundled it, it cost every wake.
 */
import documentText from '../core/registry/open-cookie-database.generated.json?raw';

/** The document's JSON text, as generated (its source and licence included). */
export const openCookieDatabaseText: string = documentText;
