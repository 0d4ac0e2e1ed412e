/**
 * Charter CLI (the work is in scripts/charter/cli.ts; this file wires it to the process).
 *   npm run --silent charter -- parse INPUT       one JSON object on stdout
 *   npm run --silent charter -- check INPUT...    readable summary per input, for charter authors
 *   npm run --silent charter -- text INPUT        the text the parser reads
 * INPUT is a charter file (text or a saved HTML page) or the https:// URL of a charter page.
 * Exit status: 0 ok, 1 an input could not be read as a charter, 2 wrong usage, or its standard
 * output closed before the end (`charter text big.md | head -1`): it stops there, without Node's
 * stack trace, as the audit does (closed-output.ts).
 */
import { exitOnceWritten, stopWhenOutputCloses } from '../audit/closed-output.ts';
import { runCharterCli } from './cli.ts';

stopWhenOutputCloses();
const status = await runCharterCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (url, init) => fetch(url, init),
});
// Once its last line is out: a write to a closed output fails a tick later, and must end the run first (exit 2).
exitOnceWritten(status);
