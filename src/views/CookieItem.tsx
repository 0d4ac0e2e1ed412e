import { useLayoutEffect, useRef } from 'preact/hooks';
import type { KnownLifetime } from '../core/registry/known-lifetime.ts';
import type { AbsenceReason } from '../core/report/absence-reason.ts';
import type { ReportCookie } from '../core/report/report.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';
import { outlivesStated, parseStatedLifetime } from '../core/report/duration.ts';
import { actualLifetimeUnit, formatFlaggedLifetime, formatLifetime, knownLifetimeWords, secondsWords } from './lifetime-format.ts';
import { frenchPurpose, type CookieRow } from './cookie-rows.ts';
import { oneParagraph } from '../core/one-paragraph.ts';
import { narrowerPath, partitionSite } from '../core/cookies/cookie-record.ts';
import { visibleCookieName } from '../core/cookies/nameless.ts';
import { around, foreignLanguage } from './own-words.ts';

const SOURCE_LABEL: Record<ReportCookie['source'], MessageKey> = {
  charter: 'fromCharter',
  'known-tracker': 'fromKnownTracker',
  'open-cookie-database': 'fromOpenCookieDatabase',
  unknown: 'unknownCookie',
};

/** Why a declared entry not seen makes no finding, in words (core/report/absence-reason.ts). */
const ABSENCE_MESSAGE: Record<AbsenceReason, MessageKey> = {
  'before-choice': 'notSeenBeforeChoice',
  refused: 'notSeenRefused',
  'no-choice-saved': 'notSeenNoChoiceSaved',
  'multilingual-only': 'notSeenMultilingualOnly',
  'cookies-dropped': 'notSeenCookiesDropped',
};

const PARTITIONED = 'Partitioned';

/**
 * SameSite as DevTools and a Set-Cookie header write it, for the cookies API's value: that API
 * names SameSite=None "no_restriction". A value it may add later shows as given.
 */
const SAME_SITE_ATTRIBUTE = new Map([
  ['no_restriction', 'None'],
  ['lax', 'Lax'],
  ['strict', 'Strict'],
]);

/**
 * The attributes worth showing, in the order DevTools shows them; a partitioned cookie's with the
 * site it is kept under (and its cross-site bit where set), as two cookies alike but for their
 * partitions read apart by it.
 */
export function cookieFlags(cookie: ReportCookie, t: Translate): string[] {
  const flags: string[] = [];
  if (cookie.secure) flags.push('Secure');
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.sameSite && cookie.sameSite !== 'unspecified')
    flags.push(`SameSite=${SAME_SITE_ATTRIBUTE.get(cookie.sameSite) ?? oneParagraph(cookie.sameSite)}`);
  const site = partitionSite(cookie);
  // The partition's cross-site bit, as DevTools' "Cross Site" column: two cookies may differ by it alone.
  if (site !== null)
    flags.push(`${PARTITIONED} (${oneParagraph(site)}${cookie.hasCrossSiteAncestor ? `, ${t('partitionCrossSite')}` : ''})`);
  return flags;
}

/** A child of `element`: a node, a text (a text node, never markup), or nothing (null, false, an empty text). */
type Child = Node | string | null | false;

/** An element with attributes and children, made with `doc`; every string child is a text node. */
function element(doc: Document, tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const made = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  for (const child of children) if (child) made.append(child);
  return made;
}

/**
 * Between the facts of a line: tied to the fact after it by a no-break space, so a line that
 * wraps breaks before the dot, never leaving it alone at the end of a line.
 */
const SEPARATOR = ' ·\u00a0';

/**
 * What the source says of the lifetime: the charter's words as written; a known tracker's in the
 * UI language (or its English words, in a report read back from an export: no lifetime as data);
 * the Open Cookie Database's words marked as its own, in English, as its purpose is. `own` marks
 * a source's words with their language.
 */
function statedLifetime(
  source: ReportCookie['source'],
  duration: string | null,
  known: KnownLifetime | null,
  own: (words: string) => Child,
  t: Translate,
  language: string,
  doc: Document,
): Child[] {
  if (known) return [t('typicalLifetime', knownLifetimeWords(known, t, language))];
  // Only a charter declares: an undeclared cookie no source describes has no "Declared" beside its status.
  if (!duration) return [t(source === 'charter' ? 'noDeclaredLifetime' : 'noStatedLifetime')];
  // Inline in the facts' line, the source's words are one paragraph (core/one-paragraph.ts), as a provider's are.
  const words = oneParagraph(duration);
  if (source === 'open-cookie-database')
    return [`${t('typicalLifetimeFromDatabase')} `, element(doc, 'span', { lang: 'en', 'data-database-words': '' }, words)];
  return around((mark) => t(source === 'charter' ? 'declaredLifetime' : 'typicalLifetime', mark), own(words));
}

/**
 * A seen cookie's lifetime, `seconds`, beside what its charter declares (`declared`, null for a
 * fallback's): in the known tracker's unit where it has one. Outliving the charter's words (a
 * lifetime finding: any lifetime outlives "Session"), it reads as the finding says it, never in
 * months: 92 days would read "3 months" beside "90 jours", as if within them, and 184 days "6
 * months" where the finding says "184 days".
 */
function actualLifetimeWords(seconds: number, declared: string | null, known: KnownLifetime | null, language: string): string {
  const stated = declared === null ? null : parseStatedLifetime(declared);
  if (stated && (stated.kind === 'session' || outlivesStated(stated, seconds))) return formatFlaggedLifetime(seconds, language);
  return formatLifetime(seconds, language, actualLifetimeUnit(known));
}

/**
 * What a row shows inside its item: name and status, who sets it and why (the charter's words,
 * or a fallback marked with its source), declared against actual lifetime, flags, the phase and
 * page it first appeared in, why a declared entry the visitor's choice keeps away was not seen, and
 * why a cookie of unknown origin makes no finding. Every text is a text node: a cookie named
 * `<b>x</b>` shows those characters.
 */
export function rowContent(row: CookieRow, t: Translate, language: string, doc: Document = document): HTMLElement[] {
  const { cookie, entry } = row;
  const provider = cookie?.provider || entry?.provider || '';
  const service = cookie ? cookie.service : (entry?.service ?? null);
  const purpose = cookie ? cookie.purpose : (entry?.purpose ?? '');
  const source = cookie?.source ?? 'charter';
  const duration = cookie ? cookie.duration : (entry?.duration ?? null);
  const declared = source === 'charter';
  const known = cookie?.knownLifetime ?? null;
  // The source's own words (purpose, service, lifetime) are in its language: the charter's, or
  // English for a known tracker and the Open Cookie Database. Marked where it is not the page's,
  // so a screen reader reads them in their own voice.
  const foreign = foreignLanguage(source === 'charter' ? row.charterLanguage : 'en', language);
  const own = (words: string): Child => (foreign ? element(doc, 'span', { lang: foreign }, words) : words);
  // A known tracker's purpose has French words of its own (the table's): a French page shows them, unmarked.
  const purposeFr = frenchPurpose(row, language);
  const purposeWords = purposeFr || (purpose && own(purpose));
  const stated = statedLifetime(source, duration, known, own, t, language, doc);
  const actual =
    cookie &&
    SEPARATOR +
      t(
        'actualLifetime',
        cookie.lifetimeSeconds === null
          ? t('sessionLifetime')
          : secondsWords(cookie.lifetimeSeconds, t, (seconds) => actualLifetimeWords(seconds, declared ? duration : null, known, language)),
      );
  const prefix = (cookie?.rule ?? entry?.match) === 'prefix' && SEPARATOR + t('prefixRule');
  // One chip per flag, each whole: a line wraps between them, never inside one.
  // A partition's site is the site's text, as long as a domain can be: it wraps as a path does (views.css).
  const flags = (cookie ? cookieFlags(cookie, t) : []).flatMap((flag) => [
    ' ',
    element(doc, 'span', { class: flag.startsWith(PARTITIONED) ? 'flag partition' : 'flag' }, flag),
  ]);
  // Under Firefox's first-party isolation, the first party it is kept under, in words: as a
  // partition's site, it alone may tell two cookies of one name, domain and path apart.
  const firstParty = cookie?.firstPartyDomain;
  const firstPartyChip =
    !!firstParty &&
    element(doc, 'span', { class: 'flag partition', 'data-first-party': firstParty }, t('firstPartyFlag', oneParagraph(firstParty)));
  // Its path, where narrower than the site: two cookies of one name and domain differ by it alone.
  const path = cookie ? narrowerPath(cookie) : null;
  const pathChip = path && element(doc, 'span', { class: 'flag path' }, `Path=${oneParagraph(path)}`);
  const muted = 'facts muted';
  /** A muted line under the facts, named by its data attribute: why the row reads as it does. */
  const note = (attribute: string, value: string, text: string) => element(doc, 'p', { class: muted, [attribute]: value }, text);

  const content = [
    element(
      doc,
      'div',
      { class: 'cookie-head' },
      // The name as the browser gave it, what shows nothing as its code; an empty one in words, set apart (core/cookies/nameless.ts).
      row.name === ''
        ? element(doc, 'span', { class: 'name nameless' }, t('namelessCookie'))
        : element(doc, 'code', { class: 'name' }, visibleCookieName(row.name)),
      element(
        doc,
        'span',
        { class: `pill status-${row.status}` },
        t(messageKey('status', row.status)) +
          (cookie?.removed ? SEPARATOR + t('removed') : cookie?.expired ? SEPARATOR + t('expiredCookie') : ''),
      ),
    ),
  ];
  if (provider)
    content.push(
      element(
        doc,
        'p',
        { class: 'who' },
        element(doc, 'strong', {}, oneParagraph(provider)),
        service && SEPARATOR,
        service && own(oneParagraph(service)),
      ),
    );
  content.push(
    element(
      doc,
      'p',
      { class: declared ? 'purpose' : 'purpose fallback', 'data-source': source },
      source === 'unknown'
        ? t('unknownCookie')
        : declared
          ? purposeWords
          : element(doc, 'span', { class: 'source' }, `${t('labelColon', t(SOURCE_LABEL[source]))} `),
      source !== 'unknown' && !declared && purposeWords,
    ),
    element(doc, 'p', { class: 'facts' }, ...stated, actual, prefix),
  );
  if (cookie?.categoryInferred)
    content.push(
      note(
        'data-category-inferred',
        cookie.categoryInferred,
        t(
          cookie.categoryInferred === 'platform'
            ? 'categoryInferredPlatform'
            : cookie.category === 'third-party'
              ? 'categoryInferredTrackerThirdParty'
              : 'categoryInferredTracker',
        ),
      ),
    );
  if (cookie) {
    content.push(
      element(
        doc,
        'p',
        { class: muted, 'data-phase': cookie.firstPhase },
        element(doc, 'span', { class: 'domain' }, cookie.domain),
        pathChip && ' ',
        pathChip,
        ...flags,
        firstPartyChip && ' ',
        firstPartyChip,
        SEPARATOR + t('firstPhase', t(messageKey('phase', cookie.firstPhase))),
        cookie.firstPage !== null &&
          element(doc, 'span', { class: 'page', 'data-first-page': cookie.firstPage }, SEPARATOR + t('firstPage', cookie.firstPage)),
      ),
    );
  }
  if (cookie?.thirdParty)
    content.push(note('data-third-party', cookie.thirdParty.via, t('embeddedCookie', t(messageKey('via', cookie.thirdParty.via)))));
  // Why a declared entry not seen makes no finding: the visitor's choice, or the platform, keeps it away, or the record lost cookies to storage.
  if (entry?.absentBecause) content.push(note('data-not-seen-reason', entry.absentBecause, t(ABSENCE_MESSAGE[entry.absentBecause])));
  // Why a cookie shows no finding: another site open under its domain may have set it.
  if (cookie?.originUnknown) {
    const domain = cookie.domain.replace(/^\./, '');
    content.push(note('data-origin-unknown', domain, t('originUnknownCookie', domain)));
  }
  return content;
}

/**
 * The rows a list mounts at once, written before its first paint: as many as `eager` in the
 * order they are written, the others once it is painted. Infinity writes every row at once.
 */
export type PaintPlan = { eager: number };

/** The write each item waits for, until it is done: a row written again since (a new row) cancels it. */
const pendingWrite = new WeakMap<Element, () => void>();

/** Writes queued for after the next paint, run in one task (afterNextPaint). */
const waitingForPaint: Array<() => void> = [];

/**
 * Runs `write` after the next frame is painted: from a task queued by that frame's animation
 * callback, so the frame does not wait for it. A page not shown has no frames: a timer runs the
 * writes then (as Preact's effects wait).
 */
function afterNextPaint(write: () => void): void {
  if (waitingForPaint.push(write) > 1) return;
  const runAll = () => {
    clearTimeout(fallback);
    // Each row written even if one fails, which is then thrown as the page's error.
    let failure: { error: unknown } | null = null;
    for (const waiting of waitingForPaint.splice(0)) {
      try {
        waiting();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  const fallback = setTimeout(runAll, 100);
  requestAnimationFrame(() => setTimeout(runAll));
}

/**
 * Names `item` as `row`'s (the attributes a finding, a search and the styles find it by) and
 * writes its content (rowContent): now, or once the frame that paints the rows above it is
 * painted, past its `paintPlan`'s eager rows (the item is there meanwhile, named, empty).
 */
function writeRow(item: HTMLElement, row: CookieRow, paintPlan: PaintPlan | undefined, t: Translate, language: string): void {
  item.id = `row-${row.key}`;
  item.className = `cookie status-${row.status}`;
  item.tabIndex = -1;
  // Focused from a finding: named by the cookie's name. The name itself, not an id pointing to it:
  // an id safe for any name was a new string per row (0.03 MiB of the popup's heap at 150 rows).
  item.setAttribute('aria-label', row.name === '' ? t('namelessCookie') : visibleCookieName(row.name));
  item.setAttribute('data-cookie', row.name);
  item.setAttribute('data-status', row.status);
  pendingWrite.delete(item);
  const write = () => item.replaceChildren(...rowContent(row, t, language, item.ownerDocument));
  if (!paintPlan || paintPlan.eager-- > 0) {
    write();
    return;
  }
  const later = () => {
    if (pendingWrite.get(item) !== later) return;
    pendingWrite.delete(item);
    write();
  };
  pendingWrite.set(item, later);
  afterNextPaint(later);
}

/**
 * Which of `places` make a longest strictly increasing run (true at each), negative ones (new
 * items) never: the items that may stay where they are while the others move around them. Patience
 * sorting, O(n log n): a list of hundreds of rows, reordered at every report.
 */
function longestIncreasingRun(places: readonly number[]): boolean[] {
  // tails[k]: the index ending the best run of length k + 1 found so far (its place the least).
  const tails: number[] = [];
  const previous = new Int32Array(places.length).fill(-1);
  places.forEach((place, i) => {
    if (place < 0) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (places[tails[middle]!]! < place) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const inRun = new Array<boolean>(places.length).fill(false);
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]!) inRun[i] = true;
  return inRun;
}

type CookieRowsProps = {
  /** The rows, in display order. */
  rows: readonly CookieRow[];
  /** How many new rows are written before the next paint; the rest after it (see CookieList). */
  paintPlan?: PaintPlan | undefined;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/** The rows a list last wrote, in its items' order, and in which words. */
type Written = { rows: readonly CookieRow[]; t: Translate; language: string };

/**
 * A list of cookie rows. The list is Preact's, its items are not: each is written directly, one
 * item per row key, kept while its row is shown (a later row of a key already shown, bad stored
 * data, gets an item of its own). A row object given again is left as it is; a new one under the
 * same key (a new report) is written again in the same item, which keeps the focus; an item whose
 * row went is removed. Only the items out of order move, as few as can be (a moved item loses
 * the focus, which CookieList gives back). Every text is a text node (rowContent).
 *
 * Light on purpose: a list shows hundreds of rows. Rendered by Preact, each kept a virtual node,
 * its props, a component and a ref as long as the popup was open, and each was diffed at every
 * render (a page more, a search), often enough that the engine compiled Preact's diff: 0.17 MiB
 * of the popup's heap with 150 rows shown (its heap after GC as `npm run bench` reads it, builds
 * in turn, 5 runs each). Written here, a shown row costs the heap its row object and its place in
 * the rows last written; its content, the document's nodes only.
 */
export function CookieRows({ rows, paintPlan, t, language }: CookieRowsProps) {
  const list = useRef<HTMLUListElement>(null);
  const written = useRef<Written | null>(null);
  useLayoutEffect(() => {
    const ul = list.current!;
    const before = written.current;
    const sameWords = before !== null && before.t === t && before.language === language;
    // Each item by its row's key, with its place, from the rows last written (the items are in
    // their order). Two rows of one key (bad stored data): the first one's item only is kept.
    const items = new Map<string, { row: CookieRow; item: HTMLElement; place: number }>();
    const gone: Element[] = [];
    before?.rows.forEach((row, place) => {
      const item = ul.children[place] as HTMLElement;
      if (items.has(row.key)) gone.push(item);
      else items.set(row.key, { row, item, place });
    });
    const shown = new Set(rows.map((row) => row.key));
    for (const [key, { item }] of items) {
      if (shown.has(key)) continue;
      gone.push(item);
      items.delete(key);
    }
    // The items whose rows went first: the others then keep their places, a focused one its focus.
    for (const item of gone) item.remove();
    // Each row's item, its own or a new one, and the place it had (-1 for a new one).
    const placed: HTMLElement[] = [];
    const places: number[] = [];
    for (const row of rows) {
      const kept = items.get(row.key);
      // A later row of the key gets a new item.
      items.delete(row.key);
      const item = kept?.item ?? ul.ownerDocument.createElement('li');
      if (kept?.row !== row || !sameWords) writeRow(item, row, paintPlan, t, language);
      placed.push(item);
      places.push(kept?.place ?? -1);
    }
    // Only the items out of order move: the longest run kept in order stays, each other item is
    // put before the one that follows it, from the last up. A moved element loses the focus: the
    // list gives it back (CookieList).
    const staying = longestIncreasingRun(places);
    let following: HTMLElement | null = null;
    for (let i = placed.length - 1; i >= 0; i--) {
      const item = placed[i]!;
      if (!staying[i]) ul.insertBefore(item, following);
      following = item;
    }
    written.current = { rows, t, language };
  });
  return <ul ref={list} />;
}
