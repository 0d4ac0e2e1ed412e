import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FIRST_PAGE } from '../core/message-contract.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';
import { CookieRows, type PaintPlan } from './CookieItem.tsx';
import { filterRows, groupByCategory, rowStandingFor, type CookieRow } from './cookie-rows.ts';
import { formatCount } from './time-format.ts';
import { countText } from './count-text.ts';
import { RestProblem } from './RestProblem.tsx';

/** Rows rendered at first and added by each "Show more": a portal with thousands stays responsive. */
export const PAGE_SIZE = FIRST_PAGE.cookies;

/**
 * Rows written before the list's first paint: more than its window holds (a row is at least
 * about 60 px high, and the first is well down the page; a toolbar popup grows to 600 px as its
 * report comes). The rest of the first page is written once that frame is painted: the frame
 * that shows the report holds a screen of rows, not a page (`npm run bench`, "report painted").
 */
export function firstScreenRows(windowHeight: number): number {
  return Math.ceil(Math.max(windowHeight, 600) / 60);
}

type CookieListProps = {
  /** Every row, in display order (or, while `onWantAll` is given, the first page of them). */
  rows: CookieRow[];
  /** How many rows the whole list has, when `rows` is only its first page. */
  total?: number;
  /** Given when `rows` is only the first page: asks for every row (Show more, a search). */
  onWantAll?: (() => void) | undefined;
  /** Given with `onWantAll` once reading the whole list failed: why (empty while `onWantAll` asks again). */
  problem?: string | undefined;
  /** The site, for the empty state. */
  host: string;
  /** A row to scroll to and focus (from a finding), or null. */
  focusKey: string | null;
  /** Called once the row was focused. */
  onFocused: () => void;
  /** UI strings. */
  t: Translate;
  /** UI language. */
  language: string;
};

/** The searchable, paged list of cookies grouped by category. */
export function CookieList({ rows, total = rows.length, onWantAll, problem, host, focusKey, onFocused, t, language }: CookieListProps) {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const matching = useMemo(() => filterRows(rows, query, language, t), [rows, query, language, t]);
  // Each category's rows are written by CookieRows, an item per row kept while it is shown.
  // A screen of rows first (firstScreenRows); every row added after the first render is written at
  // once. So is every row of a list opened on a finding's row: it is scrolled to and focused before
  // the frame, and rows above it written after would push it off screen.
  const paintPlan = useRef<PaintPlan>({
    eager: focusKey === null ? firstScreenRows(window.innerHeight) : Number.POSITIVE_INFINITY,
  }).current;
  useLayoutEffect(() => void (paintPlan.eager = Number.POSITIVE_INFINITY), [paintPlan]);
  // "Show more" leads to the first row it adds, by its key: on the last page the button goes away,
  // and focus with it. While the whole list is on its way it adds nothing (`wantedMore`): the first
  // page holds every unseen entry, which the whole list may show far below (past the page more),
  // so a row added from it could go away under focus. The rows shown at the click are kept to tell,
  // once the whole list is here, which row is the first added.
  const firstAdded = useRef<string | null>(null);
  const wantedMore = useRef<{ limit: number; shownBefore: Set<string> } | null>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  // Set by a "Show more" that waits for the whole list: said until it is here (onWantAll then goes).
  const [askedForAll, setAskedForAll] = useState(false);
  // The count said aloud, only as the answer to Show more: a refresh of the report (a storage change)
  // changes the count shown unasked. Said of the rows it counted: rows read again take it away, unsaid.
  const [said, setSaid] = useState<{ rows: CookieRow[]; text: string } | null>(null);

  // What has the focus in a row as the list renders again. A row's item moved in its list (a new
  // report's order) or written anew in another category's (its category changed: a live charter
  // read meanwhile) loses it to the page's body: it is given back then, not scrolled to, to the
  // same element if still there, or else to the row's new item, unless two items have that id (two
  // rows of one key, bad stored data): either may be another cookie's. A row whose key went (a
  // declared entry's once its cookie is seen: the cookie's row, of another key) gives it to the row
  // now standing for it (rowStandingFor), told from the rows of the render before.
  const focusedInRow = useRef<HTMLElement | null>(null);
  const rowsBefore = useRef(rows);
  const active = document.activeElement;
  focusedInRow.current = active instanceof HTMLElement && active.closest('li.cookie[id^="row-"]') ? active : null;
  useLayoutEffect(() => {
    const previousRows = rowsBefore.current;
    rowsBefore.current = rows;
    const before = focusedInRow.current;
    const focused = document.activeElement;
    if (before === null || (focused !== null && focused !== document.body)) return;
    if (before.isConnected) return before.focus({ preventScroll: true });
    const id = before.closest('li.cookie')?.id;
    const items = [...document.querySelectorAll<HTMLElement>('li.cookie')].filter((item) => item.id === id);
    if (items.length > 1) return;
    const gone = items.length === 0 ? previousRows.find((row) => `row-${row.key}` === id) : undefined;
    const standing = gone && rowStandingFor(gone, rows);
    const item = items[0] ?? (standing ? document.getElementById(`row-${standing.key}`) : null);
    item?.focus({ preventScroll: true });
  });

  // A finding points at a row: clear the filter and page far enough to show it.
  useEffect(() => {
    if (focusKey === null) return;
    const index = rows.findIndex((row) => row.key === focusKey);
    if (index < 0) return;
    setQuery('');
    setLimit((current) => Math.max(current, index + 1));
    setSaid(null);
  }, [focusKey, rows]);

  useEffect(() => {
    if (focusKey === null) return;
    const element = document.getElementById(`row-${focusKey}`);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    element.focus();
    onFocused();
  });

  // The whole list came: the page more asked for is shown, before it is painted.
  useLayoutEffect(() => {
    const wanted = wantedMore.current;
    if (wanted === null || onWantAll !== undefined) return;
    wantedMore.current = null;
    const page = matching.slice(0, wanted.limit);
    // None added (one went meanwhile, and the button with it): the last row still shown keeps the focus in the list.
    firstAdded.current =
      (page.find((row) => !wanted.shownBefore.has(row.key)) ?? page.findLast((row) => wanted.shownBefore.has(row.key)))?.key ?? null;
    setLimit(wanted.limit);
    setSaid({ rows, text: t('shownOf', formatCount(page.length, language), formatCount(matching.length, language)) });
  }, [onWantAll, matching, rows, t, language]);

  useEffect(() => {
    const key = firstAdded.current;
    if (key === null) return;
    const row = document.getElementById(`row-${key}`);
    if (!row) return;
    firstAdded.current = null;
    const focused = document.activeElement;
    // Unless the visitor went elsewhere while the rows were on their way.
    if (focused && focused !== moreButton.current && focused !== document.body) return;
    row.focus();
  });

  // No cookie seen yet: said even when the charter's unseen entries fill the list (a first page holds a seen cookie whenever there is one).
  const hint = rows.some((row) => row.cookie !== null) ? null : <p class="status">{t('noCookies', host)}</p>;
  if (rows.length === 0) return hint;
  const shown = matching.slice(0, limit);
  // Until every row is here, a search waits for them, and the count is the whole list's. Once
  // reading them failed (`problem`), nothing is being read: no loading line, the problem with its Retry.
  const searching = onWantAll !== undefined && query.trim() !== '' && !problem;
  const count = onWantAll && !searching ? Math.max(total, matching.length) : matching.length;
  const waitingForAll = askedForAll && onWantAll !== undefined && !problem;
  const restProblem = (where: boolean, focusAfter?: () => HTMLElement | null) =>
    problem !== undefined && where && <RestProblem problem={problem} retry={onWantAll} focusAfter={focusAfter} t={t} />;

  return (
    <div class="cookie-list">
      {hint}
      <label class="search">
        <span class="visually-hidden">{t('searchLabel')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchLabel')}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setLimit(PAGE_SIZE);
            firstAdded.current = null;
            wantedMore.current = null;
            setAskedForAll(false);
            setSaid(null);
            onWantAll?.();
          }}
        />
      </label>
      {/* Always there, its text changing: a region added with its text already in is not always announced. */}
      <div role="status">
        {searching ? (
          <p class="status">
            <span class="spinner" aria-hidden="true" /> {t('loading')}
          </p>
        ) : problem && query.trim() !== '' ? null : matching.length === 0 ? (
          <p class="status">{t('noMatch', query)}</p>
        ) : query.trim() !== '' ? (
          <p class="status">
            {countText(t, language, 'searchMatches', matching.length)}
            {/* A Show more within the results: its count is said too (a new search takes it away). */}
            {said?.rows === rows && <span class="visually-hidden"> {said.text}</span>}
          </p>
        ) : (
          // Not the "loading" of a Show more whose rows could not be read.
          said?.rows === rows && !problem && <span class="visually-hidden">{said.text}</span>
        )}
      </div>
      {restProblem(query.trim() !== '', () => document.querySelector<HTMLElement>('.cookie-list [type="search"]'))}
      {groupByCategory(shown).map((group) => (
        // A div, not a section: a named section is a region landmark, one per category is noise.
        <div key={group.category} class="category">
          <h3 id={`cat-${group.category}`}>{t(messageKey('category', group.category))}</h3>
          <CookieRows rows={group.rows} paintPlan={paintPlan} t={t} language={language} />
        </div>
      ))}
      {!searching && count > shown.length && (
        <p class="more">
          <span>{waitingForAll ? t('loading') : t('shownOf', formatCount(shown.length, language), formatCount(count, language))}</span>{' '}
          {waitingForAll && <span class="spinner" aria-hidden="true" />}
          <button
            type="button"
            ref={moreButton}
            aria-busy={waitingForAll ? 'true' : undefined}
            onClick={() => {
              // A first page holding every row (kept for the timeline) is the whole list already.
              if (onWantAll && rows.length < total) {
                // A page more than is shown, once the whole list is here: a click whose list never came (not answered) adds none.
                wantedMore.current ??= { limit: shown.length + PAGE_SIZE, shownBefore: new Set(shown.map((row) => row.key)) };
                setAskedForAll(true);
                setSaid({ rows, text: t('loading') });
                onWantAll();
                return;
              }
              firstAdded.current = matching[shown.length]?.key ?? null;
              setLimit(shown.length + PAGE_SIZE);
              const more = Math.min(shown.length + PAGE_SIZE, matching.length);
              setSaid({ rows, text: t('shownOf', formatCount(more, language), formatCount(count, language)) });
              onWantAll?.();
            }}
          >
            {t('showMore')}
          </button>
        </p>
      )}
      {restProblem(askedForAll && query.trim() === '')}
    </div>
  );
}
