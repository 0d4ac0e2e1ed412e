/**
 * A census.json read from elsewhere (census:merge's shards), checked field by field against what
 * the census writes (census-report.ts: its types, portalRow and errorRow). A value the census could
 * not have written is a one-line UsageError naming the file, the row and the field, so that nothing
 * is rendered or written from it: `shard-1/census.json: portals[0].findings.total: "9" is not a count`.
 */
import type { CharterKind } from '../../src/core/registry/index.ts';
import type { ConsentState } from '../../src/core/consent/index.ts';
import { MAX_PAGES, MAX_SHARDS, parseTarget, quoteAddress, quoteTyped, UsageError } from '../audit/options.ts';
import { addressesWithoutValuesIn } from '../../src/core/path-parameters.ts';
import { STATE_OF_CHOICE } from '../audit/audit-output.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import {
  CENSUS_VERSION,
  FINDING_KINDS,
  choicesOf,
  SEVERITIES,
  isPortalFolder,
  rowUrl,
  type CensusDocument,
  type CensusRow,
  type CensusRun,
  type Choice,
} from './census-report.ts';
import { MAX_PORTALS } from './portal-list.ts';

/** A path as the URL parser writes it: printable ASCII (the rest percent-encoded), no space, no control. */
const URL_PATH = /^\/[\x21-\x7e]*$/;

/** At most this much of a bad value is quoted in an error. */
const QUOTED = 200;
/** `text` cut to what an error quotes. */
export const cut = (text: string): string => (text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text);
/**
 * A value quoted in an error: its JSON, cut. Written as JSON.stringify writes what JSON.parse
 * reads, but only as far as is quoted: a value nested 100,000 deep (as a hand-made file may hold)
 * is not walked whole, so it cannot overflow the stack (each level writes at least one character).
 */
export const quote = (value: unknown): string => cut(jsonStart(value, QUOTED + 1) ?? String(value));

/** The JSON of `value`, or undefined as JSON.stringify gives it; stopped once longer than `length`. */
function jsonStart(value: unknown, length: number): string | undefined {
  const parts: string[] = [];
  let written = 0;
  const write = (text: string): boolean => {
    parts.push(text);
    written += text.length;
    return written <= length;
  };
  /** Writes `item`; false once enough is written. */
  const walk = (item: unknown): boolean => {
    if (item === null || typeof item === 'boolean') return write(String(item));
    if (typeof item === 'number') return write(Number.isFinite(item) ? String(item) : 'null');
    if (typeof item === 'string') return write(JSON.stringify(item));
    if (Array.isArray(item)) {
      if (!write('[')) return false;
      for (const [index, member] of item.entries()) {
        if (index > 0 && !write(',')) return false;
        const fits = member === undefined || typeof member === 'function' || typeof member === 'symbol' ? write('null') : walk(member);
        if (!fits) return false;
      }
      return write(']');
    }
    if (typeof item === 'object') {
      if (!write('{')) return false;
      let first = true;
      for (const [key, member] of Object.entries(item)) {
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        if (!first && !write(',')) return false;
        first = false;
        if (!write(`${JSON.stringify(key)}:`) || !walk(member)) return false;
      }
      return write('}');
    }
    // Nothing else is in what JSON.parse reads.
    return write('null');
  };
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  walk(value);
  return parts.join('');
}

// Each list is the keys of an object that must name every member of its type: a member added to
// the type and not here fails the typecheck, so the check cannot fall behind what the census writes.
const names = <T extends string>(all: Record<T, true>) => Object.keys(all) as T[];
const DOCUMENT_FIELDS = names<keyof CensusDocument>({
  version: true,
  generatedAt: true,
  run: true,
  list: true,
  shard: true,
  portals: true,
});
const RUN_FIELDS = names<keyof CensusRun>({
  tool: true,
  browser: true,
  browserVersion: true,
  cookiePolicy: true,
  consent: true,
  pages: true,
});
const ROW_FIELDS = names<keyof CensusRow>({
  position: true,
  url: true,
  host: true,
  charter: true,
  consent: true,
  otherChoice: true,
  cookies: true,
  findings: true,
  pages: true,
  notLoaded: true,
  report: true,
  error: true,
});
const CHARTER_FIELDS = names<keyof CensusRow['charter']>({ kind: true, changed: true, unread: true });
const BROWSERS = names<CensusRun['browser']>({ chromium: true, firefox: true });
const CHOICES = names<Choice>({ accept: true, refuse: true, none: true });
const CONSENT_STATES = names<ConsentState | 'unknown'>({ none: true, accepted: true, refused: true, choice: true, unknown: true });
const CHARTER_KINDS = names<CharterKind>({ bundled: true, live: true, 'platform-default': true, none: true });

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
const isCount = (value: unknown): value is number => isWhole(value, 0, Number.MAX_SAFE_INTEGER);
const isOneOf = (value: unknown, allowed: readonly string[]) => typeof value === 'string' && allowed.includes(value);

/** Throws `where: value is not what` unless `ok`. */
function check(ok: boolean, where: string, value: unknown, what: string): void {
  if (!ok) throw new UsageError(`${where}: ${quote(value)} is not ${what}`);
}

/** `value` as an object holding only `fields` (each checked by the caller: a missing one is `undefined`). */
function record(value: unknown, where: string, what: string, fields: readonly string[]): Fields {
  check(isRecord(value), where, value, what);
  const extra = Object.keys(value as Fields).find((key) => !fields.includes(key));
  if (extra !== undefined) throw new UsageError(`${where}: ${quote(extra)} is not a field the census writes`);
  return value as Fields;
}

/** Findings counted (countFindings): every kind and severity a count, each set summing to the total. */
function checkFindings(value: unknown, where: string): void {
  const findings = record(value, where, 'findings counted', ['total', 'byKind', 'bySeverity']);
  check(isCount(findings.total), `${where}.total`, findings.total, 'a count');
  for (const [field, members] of [
    ['byKind', FINDING_KINDS],
    ['bySeverity', SEVERITIES],
  ] as const) {
    const counts = record(findings[field], `${where}.${field}`, `counts by ${members.join(', ')}`, members);
    for (const member of members) check(isCount(counts[member]), `${where}.${field}.${member}`, counts[member], 'a count');
    const sum = members.reduce((total, member) => total + (counts[member] as number), 0);
    check(sum === findings.total, `${where}.total`, findings.total, `the sum of ${field} (${sum})`);
  }
}

/** A list of paths as the census writes them: without parameters, query or fragment (a session id, a token). */
function checkPaths(value: unknown, where: string): void {
  check(Array.isArray(value), where, value, 'a list of paths');
  for (const [index, page] of (value as unknown[]).entries()) {
    if (typeof page === 'string' && /[;?#]/.test(page))
      throw new UsageError(
        `${where}[${index}]: ${quoteTyped(page)} is not a path as the census writes it (no ;parameters, query or fragment)`,
      );
    check(typeof page === 'string', `${where}[${index}]`, page, 'a path');
    check(URL_PATH.test(page as string), `${where}[${index}]`, page, 'a path as a URL holds it (from /, no space or control)');
  }
}

/**
 * Checks a row as the census writes it: its position in the list, its URL an http(s) URL its list
 * could hold (parseTarget, as written: `url.href`), its host the URL's, its folder null or its host
 * (isPortalFolder first: a path is named as such), each count a count; a failed row counts nothing
 * (errorRow), an audited row counts its cookies and findings and holds a consent state for each of
 * the census's `choices` (portalRow).
 */
function checkRow(value: unknown, where: string, size: number, choices: readonly Choice[]): void {
  if (!isRecord(value)) throw new UsageError(`${where}: not a portal's row`);
  const row = record(value, where, "a portal's row", ROW_FIELDS);
  check(isWhole(row.position, 0, size - 1), `${where}.position`, row.position, `a place in a list of ${size}`);
  let url: URL | null = null;
  try {
    if (typeof row.url === 'string') url = parseTarget(row.url);
  } catch {
    // Refused below.
  }
  // Quoted as an address (no user name, password, query value or path parameter): a shard is outside input.
  const address = typeof row.url === 'string' ? quoteAddress(row.url) : quote(row.url);
  if (url === null) throw new UsageError(`${where}.url: ${address} is not an http(s) URL the census could audit`);
  // As the census writes it (rowUrl): without values, so none reaches the merged census either.
  if (rowUrl(url) !== row.url) throw new UsageError(`${where}.url: ${address} is not a URL as the census writes it (${rowUrl(url)})`);
  check(row.host === url.hostname, `${where}.host`, row.host, `the URL's host (${url.hostname})`);
  const charter = record(row.charter, `${where}.charter`, 'a charter kind and whether it changed', CHARTER_FIELDS);
  check(
    charter.kind === null || isOneOf(charter.kind, CHARTER_KINDS),
    `${where}.charter.kind`,
    charter.kind,
    `null or ${CHARTER_KINDS.join(', ')}`,
  );
  check(
    charter.changed === null || typeof charter.changed === 'boolean',
    `${where}.charter.changed`,
    charter.changed,
    'null, true or false',
  );
  // Missing in a shard written before the census counted them: read as null (not known), see readRow.
  check(
    charter.unread === undefined || charter.unread === null || isCount(charter.unread),
    `${where}.charter.unread`,
    charter.unread,
    'null or a count of lines',
  );
  const consent = record(row.consent, `${where}.consent`, 'consent states by choice', CHOICES);
  for (const [choice, state] of Object.entries(consent)) {
    check(isOneOf(state, CONSENT_STATES), `${where}.consent.${choice}`, state, `a consent state (${CONSENT_STATES.join(', ')})`);
  }
  // As runCensus writes an audited row: a state for each choice the census made, no other (a run
  // that failed fails its portal, whose row has none: errorRow, checked below).
  if (row.error === null) {
    const made = Object.keys(consent);
    check(
      made.length === choices.length && choices.every((choice) => made.includes(choice)),
      `${where}.consent`,
      consent,
      `a state for each choice the census made (${choices.join(', ')})`,
    );
  }
  // As portalRow writes it: choices made, once each, whose run recorded another state than theirs.
  check(Array.isArray(row.otherChoice), `${where}.otherChoice`, row.otherChoice, 'a list of choices');
  for (const [index, choice] of (row.otherChoice as unknown[]).entries()) {
    check(
      (choice === 'accept' || choice === 'refuse') && choice in consent && consent[choice] !== STATE_OF_CHOICE[choice],
      `${where}.otherChoice[${index}]`,
      choice,
      'a choice made (accept or refuse) whose run recorded another consent state',
    );
    check((row.otherChoice as unknown[]).indexOf(choice) === index, `${where}.otherChoice[${index}]`, choice, 'a choice listed once');
  }
  check(row.cookies === null || isCount(row.cookies), `${where}.cookies`, row.cookies, 'null or a count');
  if (row.findings !== null) checkFindings(row.findings, `${where}.findings`);
  checkPaths(row.pages, `${where}.pages`);
  // Missing in a shard written before the census recorded them: read as null (not known), see readRow.
  if (row.notLoaded !== undefined && row.notLoaded !== null) {
    checkPaths(row.notLoaded, `${where}.notLoaded`);
    const loaded = new Set(row.pages as string[]);
    for (const [index, page] of (row.notLoaded as string[]).entries())
      check(!loaded.has(page), `${where}.notLoaded[${index}]`, page, 'a page no run loaded (it is in pages)');
  }
  if (row.report !== null) {
    check(isPortalFolder(row.report), `${where}.report`, row.report, "a portal's folder (a host name, as the census names them)");
    check(row.report === row.host, `${where}.report`, row.report, `the portal's folder (its host, ${url.hostname})`);
  }
  check(row.error === null || (typeof row.error === 'string' && row.error !== ''), `${where}.error`, row.error, 'null or a line of text');
  // One line of plain text, as errorRow writes it (terminalText): no control, escape sequence or bidi control to reach a terminal or census.csv.
  if (typeof row.error === 'string' && terminalText(row.error) !== row.error)
    throw new UsageError(`${where}.error: not a line of plain text (it holds a control character), as the census writes it`);
  // The census writes the URLs an error names without their values (reasonOf): not quoted, it may hold a secret.
  if (typeof row.error === 'string' && addressesWithoutValuesIn(row.error) !== row.error)
    throw new UsageError(`${where}.error: names a URL with a user name, password or values (the census writes none)`);
  if (row.error !== null) {
    for (const [field, found] of [
      ['charter.kind', charter.kind],
      ['charter.unread', charter.unread ?? null],
      ['cookies', row.cookies],
      ['findings', row.findings],
    ] as const) {
      check(found === null, `${where}.${field}`, found, 'null, as for a portal that failed (it has an error)');
    }
    check(Object.keys(consent).length === 0, `${where}.consent`, consent, '{}, as for a portal that failed (it has an error)');
  } else {
    check(row.cookies !== null, `${where}.cookies`, row.cookies, 'a count, as for a portal audited (it has no error)');
    check(row.findings !== null, `${where}.findings`, row.findings, 'findings counted, as for a portal audited (it has no error)');
  }
}

/**
 * `value`, read from `source`, as a census document: every field checked (a shard's `I/N` as
 * `--shard` takes it, the list's size as a list holds), every row too (checkRow). Throws a
 * one-line UsageError naming `source` and the field.
 */
export function checkCensus(value: unknown, source: string): CensusDocument {
  if (!isRecord(value) || value.version !== CENSUS_VERSION) throw new UsageError(`${source}: not a census of version ${CENSUS_VERSION}`);
  const document = record(value, source, 'a census', DOCUMENT_FIELDS);
  check(typeof document.generatedAt === 'string', `${source}: generatedAt`, document.generatedAt, 'a date');
  const run = record(document.run, `${source}: run`, "a census's settings", RUN_FIELDS);
  // Written by an older audit, which did not record what audited: it cannot be told from another version's.
  if (run.tool === undefined)
    throw new UsageError(
      `${source}: run.tool: missing (an older version of the audit wrote it, which did not record its version): re-run it`,
    );
  const tool = record(run.tool, `${source}: run.tool`, "the tool's version and registry", ['version', 'registry']);
  check(typeof tool.version === 'string' && tool.version !== '', `${source}: run.tool.version`, tool.version, 'a version');
  check(
    typeof tool.registry === 'string' && /^[0-9a-f]{64}$/.test(tool.registry),
    `${source}: run.tool.registry`,
    tool.registry,
    'a SHA-256',
  );
  check(isOneOf(run.browser, BROWSERS), `${source}: run.browser`, run.browser, BROWSERS.join(' or '));
  check(typeof run.browserVersion === 'string', `${source}: run.browserVersion`, run.browserVersion, 'a version');
  check(typeof run.cookiePolicy === 'string', `${source}: run.cookiePolicy`, run.cookiePolicy, 'a cookie policy');
  check(isOneOf(run.consent, [...CHOICES, 'both']), `${source}: run.consent`, run.consent, `one of ${CHOICES.join(', ')}, both`);
  check(isWhole(run.pages, 1, MAX_PAGES), `${source}: run.pages`, run.pages, `a number of pages from 1 to ${MAX_PAGES}`);
  const list = record(document.list, `${source}: list`, "a list's hash and size", ['sha256', 'size']);
  check(typeof list.sha256 === 'string' && /^[0-9a-f]{64}$/.test(list.sha256), `${source}: list.sha256`, list.sha256, 'a SHA-256');
  check(isWhole(list.size, 1, MAX_PORTALS), `${source}: list.size`, list.size, `a list's size, from 1 to ${MAX_PORTALS}`);
  if (document.shard !== null) {
    const shard = record(document.shard, `${source}: shard`, 'a shard I/N', ['index', 'count']);
    check(isWhole(shard.count, 1, MAX_SHARDS), `${source}: shard.count`, shard.count, `a number of shards from 1 to ${MAX_SHARDS}`);
    check(
      isWhole(shard.index, 1, shard.count as number),
      `${source}: shard.index`,
      shard.index,
      `a shard from 1 to ${shard.count as number}`,
    );
  }
  check(Array.isArray(document.portals), `${source}: portals`, document.portals, 'a list of rows');
  const choices = choicesOf(run.consent as CensusRun['consent']);
  for (const [index, row] of (document.portals as unknown[]).entries())
    checkRow(row, `${source}: portals[${index}]`, list.size as number, choices);
  const checked = value as CensusDocument;
  return { ...checked, portals: checked.portals.map(readRow) };
}

/**
 * A checked row as this version writes it: a shard written before the census counted a live
 * charter's lines not read has no `charter.unread`, read as null (not known: never 0, which would
 * say the charter was read whole); one written before it recorded the pages not loaded has no
 * `notLoaded`, read as null too (its `pages` may hold them). A copy: the value read is left as it was.
 */
function readRow(row: CensusRow): CensusRow {
  return { ...row, charter: { ...row.charter, unread: row.charter.unread ?? null }, notLoaded: row.notLoaded ?? null };
}
