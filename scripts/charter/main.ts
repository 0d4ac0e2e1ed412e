/**
 * Charter CLI (the work is in scripts/charter/cli.ts; this file wires it to the process).
 *   npm run --silent charter -- parse INPUT       one JSON object on stdout
 *   npm run --silent charter -- check INPUT...    readable summary per input, for charter authors
 *   npm run --silent charter -- text INPUT        the text the parser reads
 * INPUT is a charter file (text or a saved HTML page) or the https:// URL of a charter page.
 * Exit status: 0 ok, 1 an input could not be read as a charter, 2 wrong usage.
 */
import { runCharterCli } from './cli.ts';

process.exitCode = await runCharterCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (url, init) => fetch(url, init),
});
