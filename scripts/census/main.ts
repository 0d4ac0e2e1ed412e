/**
 * `npm run census:merge -- --out DIR [--strict] SHARD_DIR...`: merges the folders of a census run
 * in shards (`npm start -- --portals FILE --shard I/N --out SHARD_DIR`) into DIR, as one census:
 * census.json, .md, .csv, .html and every portal's folder. Exit codes as the census's: 0 done,
 * 1 with --strict when any portal has findings or a run that recorded another choice than the one
 * asked (its row's otherChoice), 2 bad input (see merge.ts) or no portal audited.
 */
import { terminalText } from '../../src/core/terminal-text.ts';
import { noValueIn, optionAsValue, quoteTyped, unknownOption, UsageError } from '../audit/options.ts';
import { prepareOutDir } from '../audit/out-dir.ts';
import { censusExitCode, otherChoiceWarnings } from './census-report.ts';
import { censusFiles, writeFiles } from './census-output.ts';
import { copyPortalFolders, mergeShards, portalCopies, readShard, refuseOutInShards, refuseOutputsInTheWay } from './merge.ts';
import { isEntryScript } from '../entry-script.ts';
import { exitOnceWritten, stopWhenOutputCloses } from '../audit/closed-output.ts';
import { typedInFolder } from '../audit/typed-path.ts';

export const MERGE_USAGE = `Usage: npm run census:merge -- --out DIR [--strict] SHARD_DIR...

Merges the shards of one census (each run with --portals FILE --shard I/N --out SHARD_DIR) into DIR.
Exit codes: 0 done, 1 with --strict: findings, or a run that recorded another choice than the one asked, 2 bad input (shards of different lists or versions of the audit, a shard missing or twice, a row lost or not as the census writes it, a portal's folder missing, --out in a shard) or no portal audited.`;

/** The merge command's arguments. */
export function parseMergeArgs(argv: readonly string[]): { out: string; strict: boolean; shards: string[]; help: boolean } {
  const options = { out: '', strict: false, shards: [] as string[], help: false };
  const given = new Set<string>();
  /** An option given once: a second one would silently win over the first. */
  const once = (option: string) => {
    if (given.has(option)) throw new UsageError(`${option} given twice: give it once`);
    given.add(option);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // `--out=DIR` as the audit reads it (scripts/audit/options.ts): a flag given a value is refused, not read as set.
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [name, inline] = equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
    if (name === '--out') {
      once('--out');
      // Given with `=`, as it is; given apart, the next argument unless that is an option (`--strict`, `-h`).
      const next = argv[i + 1];
      if (inline?.startsWith('--')) throw optionAsValue('--out', inline);
      const dir = inline ?? (noValueIn(next) ? undefined : argv[++i]);
      if (!dir) throw new UsageError('--out needs a folder');
      options.out = dir;
    } else if (name === '--strict' || name === '--help') {
      if (inline !== undefined) throw new UsageError(`${name} takes no value (got ${quoteTyped(arg)}): give ${name}, or leave it out`);
      if (name === '--help') options.help = true;
      else {
        once('--strict');
        options.strict = true;
      }
    } else if (arg === '-h') options.help = true;
    else if (arg.startsWith('-')) throw unknownOption(name);
    else options.shards.push(arg);
  }
  if (options.help) return options;
  if (!options.out) throw new UsageError('--out DIR is needed: the folder of the merged census');
  if (options.shards.length === 0) throw new UsageError('give the shard folders to merge');
  return options;
}

function main(argv: readonly string[]): number {
  const options = parseMergeArgs(argv);
  if (options.help) {
    console.log(MERGE_USAGE);
    return 0;
  }
  // Everything is read, checked and made before the first write: bad input leaves nothing behind.
  const shards = options.shards.map((dir) => ({ dir, document: readShard(dir) }));
  const { document, warnings } = mergeShards(shards);
  refuseOutInShards(options.out, options.shards);
  const copies = portalCopies(shards);
  const files = censusFiles(document);
  refuseOutputsInTheWay(
    options.out,
    files.map(({ name }) => name),
    copies,
  );
  prepareOutDir(options.out);
  copyPortalFolders(copies, options.out);
  writeFiles(options.out, files);
  for (const warning of warnings) console.error(`census:merge: ${terminalText(warning)}`);
  // As the census says them once done: what fails --strict without a finding is named.
  for (const warning of otherChoiceWarnings(document.portals)) console.log(terminalText(warning));
  const code = censusExitCode(document, options.strict);
  const why = code === 1 ? ' (--strict: exit 1)' : code === 2 ? ' (no portal could be audited: exit 2)' : '';
  console.log(
    `merged ${shards.length} shard(s), ${document.portals.length} portal(s), into ${options.out}/census.json, census.md, census.csv, census.html${why}`,
  );
  return code;
}

if (isEntryScript(import.meta.url)) {
  // Its output closed (`| head -1`): it stops there, exit 2, no stack trace.
  stopWhenOutputCloses();
  try {
    // Its paths as typed, from the folder the command was typed in (npm runs it from the package
    // root and says where it was typed in INIT_CWD): it reads nothing of the package's own by path.
    process.chdir(typedInFolder());
    // Once its lines are out: one that could not be written makes it exit 2 (closed-output.ts).
    exitOnceWritten(main(process.argv.slice(2)));
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    console.error(`census:merge: ${error instanceof UsageError ? '' : 'unexpected error: '}${terminalText(message)}`);
    exitOnceWritten(2);
  }
}
