/**
 * Charter CLI (logic lives in src/core/charter; this file reads files and prints).
 *   npm run --silent charter -- parse FILE        one JSON object on stdout
 *   npm run --silent charter -- check FILE...     readable summary per file, for charter authors
 * Exit status: 0 ok, 1 a file could not be read as a charter, 2 wrong usage.
 */
import { readFileSync } from 'node:fs';
import { decodeCharterBytes } from '../src/core/charter/normalise.ts';
import { CharterError, parseCharter, readCharter } from '../src/core/charter/parse.ts';
import { checkFailed, formatCheckReport, formatFailure, formatParsedCharter, type CheckedFile } from '../src/core/charter/report.ts';

const USAGE = `usage: npm run --silent charter -- parse FILE
       npm run --silent charter -- check FILE...
  parse  print the charter's portal, language and entries as one JSON object
  check  summarise each charter: portal, language, entries per category, rows it could not read`;

/** The charter text of a file, or a one-line reason it cannot be read. */
function readText(file: string): string | { error: string } {
  try {
    return decodeCharterBytes(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'no such file' };
    if (code === 'EISDIR') return { error: 'is a directory, not a charter file' };
    if (code === 'EACCES') return { error: 'permission denied' };
    return { error: `cannot read the file: ${oneLine(error)}` };
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

function parseCommand(file: string): number {
  const text = readText(file);
  if (typeof text !== 'string') return fail(file, text.error);
  try {
    process.stdout.write(formatParsedCharter(parseCharter(text)));
    return 0;
  } catch (error) {
    return fail(file, error instanceof CharterError ? oneLine(error) : `internal error: ${oneLine(error)}`);
  }
}

function fail(file: string, reason: string): number {
  process.stderr.write(formatFailure(file, reason));
  return 1;
}

function checkCommand(files: readonly string[]): number {
  let failed = 0;
  for (const file of files) {
    const checked = checkFile(file);
    process.stdout.write(`${formatCheckReport(checked)}\n`);
    if (checkFailed(checked)) failed++;
  }
  process.stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} checked, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

function checkFile(file: string): CheckedFile {
  const text = readText(file);
  if (typeof text !== 'string') return { file, error: text.error };
  try {
    return { file, reading: readCharter(text) };
  } catch (error) {
    return { file, error: error instanceof CharterError ? oneLine(error) : `internal error: ${oneLine(error)}` };
  }
}

function main(args: readonly string[]): number {
  const [command, ...files] = args;
  if (command === 'parse' && files.length === 1 && files[0] !== undefined) return parseCommand(files[0]);
  if (command === 'check' && files.length > 0) return checkCommand(files);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
