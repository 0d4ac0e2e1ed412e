/**
 * Turns a charter page's HTML into the text layout the parser reads. The markup is read by
 * htmlparser2's tokenizer, which follows the HTML standard's tokenizer states: attribute values
 * hold any character (`onerror="if (a > b) …"` stays inside its tag), script, style, title and
 * textarea content is raw text (a script ends where the standard's escaped script states end it,
 * which htmlparser2 does not implement), character references are decoded as the standard says. Nothing
 * is executed and no DOM is built (Chrome's service worker has no DOMParser): the tokens go
 * straight into lines. Headings become markdown headings, table rows become lines of
 * tab-separated cells (a cell spanning rows or columns repeated into each cell it spans, within a
 * budget), block elements end lines (a description list's term and the description after it share
 * one, as `term : description`, its further descriptions after `, `). Content that is not the
 * charter's words is left out: script, style, template, noscript, svg and other non-text
 * content, form controls (a button only gives a heading line when it titles a section: an
 * accordion's, a heading in or around it or a disclosure control's markup), hidden elements (not an accordion's collapsed panel:
 * one an expanding control named before by aria-controls, or one hidden until found),
 * and page chrome (the site's header, navigation and footer), which is never read, even as a
 * fallback: a login page a charter path redirects to may hold a cookie banner's table in its
 * footer, and that is not the portal's charter. When the page marks its main content (`<main>`,
 * `role="main"`), that is read first.
 *
 * Every step is linear in the page: one pass of the tokenizer, and a stack of the open elements,
 * each pushed and popped once, closed as the standard's tree builder closes them (an end tag, or
 * a start tag that implies one: `<h2>` ends an open `<p>`, `<li>` an open `<li>`, `</ul>` all it
 * holds), each scope check answered in constant time.
 */
import { Tokenizer } from 'htmlparser2';
import { collapseWhitespace, foldForMatching } from './normalise.ts';
import { captionTitlesTable, categoryOfHeading, readHeading } from './sections.ts';
import { FOOTNOTE_MARKER } from './cells.ts';

/** Elements a footnote's `<sup>` may hold around its marker (`<sup><a href="#fn1">1</a></sup>`); any other tag shows it is no marker. */
const FOOTNOTE_INLINE = new Set(['a', 'span', 'b', 'i', 'em', 'strong', 'small']);

/** Most text an open `<sup>` is held back for: a footnote marker is a few characters. */
const MAX_FOOTNOTE_TEXT = 16;

/** Elements whose content never reaches the text. */
const HIDDEN_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'title',
  'iframe',
  'object',
  'noembed',
  'noframes',
  'textarea',
  'select',
  'canvas',
  'video',
  'audio',
  'map',
  'datalist',
]);

/** Roles of page chrome (ARIA landmarks around the content). */
const CHROME_ROLES = new Set(['banner', 'navigation', 'contentinfo', 'search']);

/**
 * Sectioning elements, and the roles that make any element one (HTML-AAM: a header or footer is
 * the page's banner or contentinfo only outside these): a header or footer inside one belongs to
 * it, not to the page, so `<div role="main"><header>` is content as `<main><header>` is.
 */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
const SECTIONING_ROLES = new Set(['article', 'complementary', 'main', 'navigation', 'region']);

/** Elements that end a line (or, inside a table cell, separate the cell's parts). */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'blockquote',
  'pre',
  'listing',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'address',
  'hr',
  'details',
  'summary',
  'legend',
  'center',
  'hgroup',
  'search',
]);

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
]);

/** Start tags that end svg or math content, as the standard's "in foreign content" rules say. */
const FOREIGN_BREAKOUT = new Set([
  'b',
  'big',
  'blockquote',
  'body',
  'br',
  'center',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'hr',
  'i',
  'img',
  'li',
  'listing',
  'menu',
  'meta',
  'nobr',
  'ol',
  'p',
  'pre',
  'ruby',
  's',
  'small',
  'span',
  'strong',
  'strike',
  'sub',
  'sup',
  'table',
  'tt',
  'u',
  'ul',
  'var',
]);

/** Elements the document head may hold; any other start tag ends the head, as the standard's tree builder does. */
const HEAD_CONTENT = new Set(['base', 'link', 'meta', 'title', 'style', 'script', 'noscript', 'template', 'basefont', 'bgsound']);

/** Start tags that close an open `<p>` (in button scope), as the standard's "in body" rules say. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'search',
  'section',
  'summary',
  'ul',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'listing',
  'form',
  'plaintext',
  'table',
  'hr',
  'xmp',
  'li',
  'dd',
  'dt',
]);

/** Elements that bound the standard's default scope: an end tag never closes anything outside them. */
const SCOPE_BOUNDARY = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template']);

/** Elements that bound table scope. */
const TABLE_SCOPE_BOUNDARY = new Set(['html', 'table', 'template']);

/** Start tags inside a table that close its open rows and cells ("clear the stack back to a table context"). */
const TABLE_SECTIONS = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot']);

/** Row groups: a rowspan ends with its group. */
const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);

/** End tags closed in table scope. */
const TABLE_END_TAGS = new Set(['table', 'caption', 'colgroup', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);

/**
 * The standard's "special" elements: an unknown or inline end tag never closes past one, and an
 * `<li>` (`<dd>`, `<dt>`) start tag closes an open one only when no special element other than
 * address, div or p lies between.
 */
const SPECIAL = new Set([
  'address',
  'applet',
  'area',
  'article',
  'aside',
  'base',
  'basefont',
  'bgsound',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'embed',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'hr',
  'html',
  'iframe',
  'img',
  'input',
  'keygen',
  'li',
  'link',
  'listing',
  'main',
  'marquee',
  'menu',
  'meta',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'p',
  'param',
  'plaintext',
  'pre',
  'script',
  'search',
  'section',
  'select',
  'source',
  'style',
  'summary',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
  'wbr',
  'xmp',
]);

/** A link line that only offers the page as a PDF ("Download as PDF", "Télécharger en PDF"). */
const PDF_LINK_LINE = /^(?:download|t[ée]l[ée]charger)(?: (?:as|in|en|au format|the|la charte|this page))* pdf$/i;

/** An open element: what it does to the text inside it, and where it sits among the open elements. */
type Tracked = {
  name: string;
  /** headings, cells, dd/dt: elements an end tag or start tag closes as one kind; else null. */
  group: string | null;
  /** Stack indexes of the previous open element of the same name and of the same group, or -1. */
  previous: number;
  previousInGroup: number;
  /**
   * Stack indexes of the innermost open element (this one included) bounding each scope, or -1:
   * the default scope, button scope, list item scope, table scope, any special element, and a
   * special element other than address, div or p.
   */
  scope: number;
  buttonScope: number;
  listScope: number;
  tableScope: number;
  special: number;
  specialForList: number;
  /** Its content is not shown. */
  hidden: boolean;
  /** It is page chrome (header, navigation, footer). */
  chrome: boolean;
  /** It is the page's main content. */
  main: boolean;
  /** It is a sectioning element. */
  sectioning: boolean;
  /** It is a foreign (svg, math) element. */
  foreign: boolean;
  /** It is a heading (h1-h6). */
  heading: boolean;
  /** It is a button outside foreign content: its text is held back until it ends (Layout.buttonEnd). */
  button: boolean;
  /** It is a table caption whose text is held back (Layout.captionEnd). */
  caption: boolean;
};

/** Text pieces of one stream (the whole page, or its main content), joined at the end. */
class Stream {
  readonly pieces: string[] = [];
  /** The pieces' characters in all: what copying the pieces from one index on costs is known before copying them. */
  length = 0;
  /** True when something visible was written to it. */
  hasText = false;

  add(piece: string, isText: boolean): void {
    this.pieces.push(piece);
    this.length += piece.length;
    if (isText) this.hasText = true;
  }
}

/** The most columns a spanning cell is repeated into: real charters have 3 to 6. */
const MAX_SPANNED_COLUMNS = 64;

/** Characters that repeating spanning cells may write whatever the page's length (then one more per character of the page). */
const COPY_BUDGET_FLOOR = 100_000;

/** A spanning cell's text, as each stream got it, repeated into the cells it spans. */
type CellCopy = { page: string; main: string };

/** The rows and cells of one open table (the first, outside any table, holds stray cells). */
class TableState {
  /** The column the open row's next cell takes. */
  column = 0;
  rowOpen = false;
  /** Cells written in the open row, copies included. */
  cellsInRow = 0;
  /** Inside a table cell, a line break separates parts of the cell instead of ending the row. */
  inCell = false;
  cellHasText = false;
  cellBreakPending = false;
  /** The open cell's spans, and where its text starts in each stream. */
  rowspan = 1;
  colspan = 1;
  pageStart = 0;
  mainStart = 0;
  /** The page stream's length where the open cell's text starts. */
  pageStartLength = 0;
  /** A colspan's copies, written when another cell follows in the row (a row's only cell spans it alone: a category row). */
  pending: CellCopy | null = null;
  pendingCount = 0;
  /** Rowspans, by column: the text the next rows repeat there, and for how many rows (this one included). */
  readonly carried: ({ copy: CellCopy; rows: number } | undefined)[] = [];
  carriedCount = 0;
}

/** Longest button text kept: a heading's longest line (sections.ts MAX_HEADING_LENGTH); a longer one is no title. */
const MAX_BUTTON_TEXT = 200;

/** The text of an open button, bounded, and the level of the first heading inside it. */
class ButtonText {
  private readonly pieces: string[] = [];
  private length = 0;
  /** More text than MAX_BUTTON_TEXT: the button is no title. */
  overflow = false;
  /** Level of the highest heading inside the button, 0 when none. */
  level = 0;
  /** Buttons open inside the outermost one (a button nested in a table inside it). */
  depth = 0;

  /** @param disclosure its start tag marks it as a disclosure control (disclosureControl): an accordion's. */
  constructor(readonly disclosure: boolean) {}

  add(piece: string): void {
    if (this.overflow) return;
    this.length += piece.length;
    if (this.length > MAX_BUTTON_TEXT * 2) this.overflow = true;
    else this.pieces.push(piece);
  }

  /** The text, whitespace collapsed; null when too long. */
  text(): string | null {
    if (this.overflow) return null;
    const text = collapseWhitespace(this.pieces.join(''));
    return text.length > MAX_BUTTON_TEXT ? null : text;
  }
}

/**
 * What a button does rather than what it titles: a consent banner's or a page's action
 * ("Accepter", "Tout refuser", "Paramétrer les cookies", "Save my choices", "En savoir plus"), by
 * its first word (a leading symbol such as "✓ " skipped), or by words that choose rather than
 * name anywhere in it ("Uniquement les cookies nécessaires", "Use necessary cookies only"; not
 * "only" alone: "Cookies de mesure d'audience, déposés uniquement avec votre accord" is a title),
 * "Interdire les cookies tiers", "Cookies tiers : tout accepter"). Read on folded text (at most
 * MAX_BUTTON_TEXT characters), in one linear pass: no quantifier nests another.
 */
const BUTTON_ACTION =
  /\b(?:(?:uniquement|seulement) (?:les )?(?:cookies )?(?:strictement )?(?:necessaires|essentiels|indispensables|requis)|(?:necessary|essential|required) (?:cookies )?only|only (?:the )?(?:strictly )?(?:necessary|essential|required)|interdi(?:re|s|sez)|forbid|(?:tout|tous)\s(?:accepter|refuser|autoriser|bloquer|interdire)|(?:accepter|refuser|autoriser|bloquer|interdire)\s(?:tout|tous)|(?:accept|reject|refuse|deny|decline|allow|block)\sall)\b|^[^\p{L}\p{N}]*(?:j'|je |i )?(?:accept|tout |toutes? |tous |all\b|refus|reject|deny|declin|allow|autoris|sav|sauvegard|enregistr|valid|confirm|personnali|customi|parametr|regl|ger|manag|modifi|chang|ok\b|ferm|clos|voir|view|show|affich|masqu|hide|en savoir|learn|read|lire|retour|back|continu|activ|desactiv|enable|disable|opt[- ]?(?:in|out)\b|retir|withdraw|choisi|choos|select|updat|mettre|set\b|turn|bloqu|block|supprim|delet|effac|clear|ouvr|open|plus\b|more\b|moins\b|less\b|telecharg|download|imprim|print|copi|copy|partag|share|envoy|send|connect|log|sign|inscri|subscri|rechercher|search)/u;

/**
 * A button whose start tag marks it as a disclosure control, as an accordion's is: `aria-expanded`,
 * `aria-controls`, `data-toggle` or `data-bs-toggle`, or a class holding "accordion", "collaps" or
 * "toggle" (Bootstrap's `accordion-button`, `collapsed`, `navbar-toggler`). Only such a button's own
 * words may title a section (buttonLine): a plain one ("Uniquement les cookies nécessaires") is a
 * page's action as often as not.
 */
function disclosureControl(attributes: ReadonlyMap<string, string>): boolean {
  if (attributes.size === 0) return false;
  if (
    attributes.has('aria-expanded') ||
    attributes.has('aria-controls') ||
    attributes.has('data-toggle') ||
    attributes.has('data-bs-toggle')
  ) {
    return true;
  }
  return /accordion|collaps|toggle/i.test(attributes.get('class') ?? '');
}

/**
 * The line a button's text gives the text, or null. In a heading, its words (an action left out);
 * holding a heading, that heading, at its level, unless it names an action; else, for a disclosure
 * control only (disclosureControl), a plain line when its words title a section with a category
 * (readHeading, categoryOfHeading: "Cookies strictement nécessaires", "Mesure d'audience", "Autres
 * cookies"), so a plain button, a button naming no category, or an action ("Accepter les cookies
 * statistiques", "Uniquement les cookies nécessaires"), never recategorises the rows after it.
 */
function buttonLine(button: ButtonText, inHeading: boolean): string | null {
  const text = button.text();
  if (text === null || text === '' || BUTTON_ACTION.test(foldForMatching(text))) return null;
  if (inHeading) return ` ${text} `;
  if (button.level > 0) return `\n${'#'.repeat(button.level)} ${text}\n`;
  if (!button.disclosure) return null;
  const heading = readHeading(text);
  return heading !== null && heading.level === null && categoryOfHeading(text) !== null ? `\n${text}\n` : null;
}

/** The line layout written while the tokens go by. */
class Layout {
  /** The main content only. */
  readonly main = new Stream();
  /** Everything but the page chrome. */
  readonly page = new Stream();
  private readonly tables: TableState[] = [new TableState()];
  private table = this.tables[0]!;
  /** The open buttons' text, held back until the outermost ends (null when no button is open). */
  private button: ButtonText | null = null;
  /** An open table caption's text, held back until it ends (captionEnd), or null. */
  private caption: ButtonText | null = null;
  /**
   * A description list's term (`<dt>`, 'term') or a description joined to its line
   * ('description') ended on a line of text: the line break after it waits, so that a description
   * (`<dd>`) starting next joins the line, as `term : description` after a term (termEnd), or
   * after `, ` following a description (descriptionEnd); null when nothing waits.
   */
  private termPending: 'term' | 'description' | null = null;
  /** The term waiting (termPending) ends in a colon already ("Nom du cookie :"): no second one. */
  private termColon = false;
  /** The open description was joined to a term's line (descriptionStart). */
  private descriptionJoined = false;

  /**
   * @param copyBudget characters that repeating spanning cells may write in all (COPY_BUDGET_FLOOR
   *   plus the page's length), so that rowspans and colspans never make the text much longer than the page.
   */
  constructor(
    private readonly where: () => { visible: boolean; chrome: boolean; inMain: boolean },
    private copyBudget: number,
  ) {}

  private write(piece: string, isText: boolean): void {
    const { visible, chrome, inMain } = this.where();
    if (!visible || chrome) return;
    if (this.button !== null) return this.button.add(isText ? piece : ' ');
    if (this.caption !== null) return this.caption.add(isText ? piece : ' ');
    if (this.termPending !== null && (isText || piece.includes('\n'))) {
      // Anything but a description after a term: the term's line ends as it did.
      this.termPending = null;
      this.write('\n', false);
    }
    // The space between a term or description and the description after it: the joint writes its own.
    if (this.termPending !== null && !isText) return;
    this.page.add(piece, isText);
    if (inMain) this.main.add(piece, isText);
  }

  /**
   * A run of text; whitespace collapsed, but inside `<pre>` (`preformatted`) line breaks and tabs
   * are kept as a browser shows them: lines stay lines and tab-separated text reads as rows (in a
   * table cell, as the cell's parts separated by spaces).
   */
  text(raw: string, preformatted: boolean): void {
    if (!this.where().visible) return;
    // A button in a table row is left out, as it always was (buttonEnd): its text must not count as the cell's.
    if (this.button !== null && (this.table.inCell || this.table.rowOpen)) return;
    if (!preformatted) return this.run(raw.replace(/\s+/g, ' '));
    const lines = raw.split(/\r\n?|\n/);
    const spaces = this.table.inCell ? /\s+/g : /[^\S\t]+/g;
    for (let index = 0; index < lines.length; index++) {
      if (index > 0) this.lineBreak();
      this.run(lines[index]!.replace(spaces, ' '));
    }
  }

  private run(text: string): void {
    if (text === '') return;
    const isText = text.trim() !== '';
    const table = this.table;
    if (table.inCell && isText) {
      if (table.cellBreakPending && table.cellHasText) this.write('; ', false);
      table.cellBreakPending = false;
      table.cellHasText = true;
    }
    this.write(text, isText);
  }

  /** A line break: inside a cell it separates the cell's parts; between a row's cells it never ends the row. */
  lineBreak(): void {
    if (this.table.inCell) this.table.cellBreakPending = true;
    else if (!this.table.rowOpen && this.termPending === null) this.write('\n', false);
  }

  /**
   * A description list's term ends: when it ended a line of text (outside a table, a button or a
   * caption), the line break after it waits for what comes next (termPending).
   */
  termEnd(): void {
    const last = this.lineEndingHere();
    if (last === null) return;
    this.termPending = 'term';
    // The term's last characters: its last piece, or the one before a closing space.
    const end = last.trim() === '' ? (this.page.pieces[this.page.pieces.length - 2] ?? '') : last;
    this.termColon = /[:：]\s*$/.test(end);
  }

  /** A term starts: on a line of its own, even right after a description (an empty term joins nothing). */
  termStart(): void {
    if (this.termPending !== null) {
      this.termPending = null;
      this.write('\n', false);
    }
    this.lineBreak();
  }

  /**
   * A description joined to a term's line ends: a description starting next joins the same line
   * after `, ` ("Nom du cookie : _pk_id, _pk_ses": one term's several descriptions, none dropped).
   */
  descriptionEnd(): void {
    const joined = this.descriptionJoined;
    this.descriptionJoined = false;
    if (joined && this.lineEndingHere() !== null) this.termPending = 'description';
  }

  /** The page's last piece when it ends a line of text a description may join (outside a table, a button or a caption, shown), else null. */
  private lineEndingHere(): string | null {
    if (this.table.inCell || this.table.rowOpen || this.button !== null || this.caption !== null) return null;
    const { visible, chrome } = this.where();
    const last = this.page.pieces[this.page.pieces.length - 1];
    return visible && !chrome && last !== undefined && !last.includes('\n') ? last : null;
  }

  /**
   * A description starts: right after a term (termPending), on the term's line, as `term :
   * description` ("Nom du cookie : _pk_id", a record of one field per line; "Nom du cookie :
   * _pk_id" too after a term ending in its own colon); right after a description so joined, on
   * the same line after `, `; else on a line of its own.
   *
   * @param hidden the description is not shown: the term's line ends.
   */
  descriptionStart(hidden: boolean): void {
    const pending = this.termPending;
    if (pending !== null && !hidden) {
      this.termPending = null;
      this.write(pending === 'description' ? ', ' : this.termColon ? ' ' : ' : ', false);
      this.descriptionJoined = true;
      return;
    }
    this.descriptionJoined = false;
    this.lineBreak();
  }

  heading(level: number): void {
    if (this.button !== null) {
      // A heading inside a button (an accordion's `<button><h3>…</h3></button>`): its level is kept for the button's line.
      if (this.button.level === 0 || level < this.button.level) this.button.level = level;
      return;
    }
    if (this.table.inCell || this.table.rowOpen) return;
    this.write(`\n${'#'.repeat(level)} `, false);
  }

  headingEnd(): void {
    if (!this.table.inCell && !this.table.rowOpen) this.write('\n', false);
  }

  /**
   * A button starts: its text is held back (a button inside it adds to the same text).
   *
   * @param disclosure its start tag marks it as a disclosure control (disclosureControl).
   */
  buttonStart(disclosure: boolean): void {
    if (this.button === null) this.button = new ButtonText(disclosure);
    else this.button.depth++;
  }

  /**
   * A button ends: when it is the outermost, its text reaches the streams only when it titles a
   * section (buttonLine), so an accordion's heading gives its table's rows their category and an
   * action ("Accepter", "Tout refuser", "Paramétrer") never does. Inside a table row it is left
   * out, as before: a line there would break the row.
   *
   * @param inHeading a heading is open around the button (`<h3><button>…</button></h3>`): its text is the heading's.
   */
  buttonEnd(inHeading: boolean): void {
    const button = this.button;
    if (button === null) return;
    if (button.depth > 0) {
      button.depth--;
      return;
    }
    this.button = null;
    if (this.table.inCell || this.table.rowOpen) return;
    const line = buttonLine(button, inHeading);
    if (line !== null) this.write(line, true);
  }

  /**
   * A table caption starts: its text is held back (captionEnd decides whether it is written).
   * Returns false when it is not held (inside a button, or another caption held already).
   */
  captionStart(): boolean {
    if (this.button !== null || this.caption !== null) return false;
    this.caption = new ButtonText(false);
    return true;
  }

  /**
   * The held caption ends (its element, or a row or table opened inside it): it reaches the
   * streams, as a line, only when it titles its table (captionTitlesTable): it names a category,
   * or it mentions cookies with more than the words saying the table lists them ("Cookies
   * publicitaires", "Cookies Matomo"), read then as any heading is. A caption naming none and
   * saying only that ("Liste des cookies déposés", "Tableau récapitulatif") is left out: read as a
   * heading it would start an `other` section, and the rows under the section heading above it
   * would lose their category.
   */
  captionEnd(): void {
    const caption = this.caption;
    if (caption === null) return;
    this.caption = null;
    const text = caption.text();
    if (text === null || text === '' || !captionTitlesTable(text)) return;
    this.write('\n', false);
    this.write(text, true);
    this.write('\n', false);
  }

  tableStart(): void {
    this.captionEnd();
    this.table = new TableState();
    this.tables.push(this.table);
    this.write('\n', false);
  }

  /** The table's end: its rowspans end with it. */
  tableEnd(): void {
    if (this.tables.length === 1) return;
    this.rowEnd();
    this.tables.pop();
    this.table = this.tables[this.tables.length - 1]!;
    this.write('\n', false);
  }

  /** A row group's start or end (thead, tbody, tfoot): no rowspan crosses it. */
  rowGroupBoundary(): void {
    this.rowEnd();
    this.table.carried.length = 0;
    this.table.carriedCount = 0;
  }

  rowStart(): void {
    this.captionEnd();
    this.rowEnd();
    this.table.rowOpen = true;
    this.write('\n', false);
  }

  rowEnd(): void {
    const table = this.table;
    if (!table.rowOpen) return;
    this.writePending(table.cellsInRow > 1);
    if (table.carriedCount > 0) {
      // The columns after the row's last cell that rowspans from the rows above still fill.
      let gaps = 0;
      for (let column = table.column; column < table.carried.length; column++) {
        const carried = table.carried[column];
        if (carried === undefined) gaps++;
        else if (this.writeCopy(carried.copy, '\t'.repeat(gaps + 1))) gaps = 0;
      }
      for (let column = 0; column < table.carried.length; column++) {
        const carried = table.carried[column];
        if (carried !== undefined && --carried.rows <= 0) {
          table.carried[column] = undefined;
          table.carriedCount--;
        }
      }
      if (table.carriedCount === 0) table.carried.length = 0;
    }
    table.rowOpen = false;
    table.inCell = false;
    table.column = 0;
    table.cellsInRow = 0;
    this.write('\n', false);
  }

  cellStart(rowspan: number, colspan: number): void {
    this.captionEnd();
    const table = this.table;
    if (!table.rowOpen) this.rowStart();
    this.writePending(true);
    // The cells rowspans from the rows above take, before this one.
    for (let carried = table.carried[table.column]; carried !== undefined; carried = table.carried[table.column]) {
      if (!this.writeCopy(carried.copy, table.cellsInRow > 0 ? '\t' : '')) break;
      table.cellsInRow++;
      table.column++;
    }
    if (table.cellsInRow > 0) this.write('\t', false);
    table.cellsInRow++;
    table.inCell = true;
    table.cellHasText = false;
    table.cellBreakPending = false;
    table.rowspan = this.tables.length > 1 ? rowspan : 1; // stray cells outside a table span nothing
    table.colspan = this.tables.length > 1 ? colspan : 1;
    table.pageStart = this.page.pieces.length;
    table.mainStart = this.main.pieces.length;
    table.pageStartLength = this.page.length;
  }

  /**
   * The cell's end: a spanning cell's text is kept to repeat in the columns and rows it spans.
   * Keeping it is paid from the copy budget before it is copied, as writing a copy is: spanning
   * cells nested in spanning cells each hold all the text inside them, and a copy that is never
   * written (a rowspan whose table ends first) would otherwise cost its length for free, quadratic
   * in the nesting.
   */
  cellEnd(): void {
    const table = this.table;
    if (!table.inCell) return;
    table.inCell = false;
    const width = Math.max(1, Math.min(table.colspan, MAX_SPANNED_COLUMNS - table.column));
    if ((width > 1 || table.rowspan > 1) && this.copyBudget > 0 && table.column < MAX_SPANNED_COLUMNS && this.payForCopy()) {
      const copy = {
        page: cellCopy(this.page.pieces.slice(table.pageStart)),
        main: cellCopy(this.main.pieces.slice(table.mainStart)),
      };
      if (width > 1) {
        table.pending = copy;
        table.pendingCount = width - 1;
      }
      for (let column = table.column; table.rowspan > 1 && column < table.column + width; column++) {
        if (table.carried[column] === undefined) table.carriedCount++;
        table.carried[column] = { copy, rows: table.rowspan };
      }
    }
    table.column += width;
  }

  /**
   * Pays for copying the open cell's text (its characters and pieces in the page stream; the main
   * stream holds a part of them): false when the budget does not allow it (copying stops).
   */
  private payForCopy(): boolean {
    const table = this.table;
    const cost = this.page.length - table.pageStartLength + this.page.pieces.length - table.pageStart;
    if (cost > this.copyBudget) {
      this.copyBudget = 0;
      table.carried.length = 0;
      table.carriedCount = 0;
      return false;
    }
    this.copyBudget -= cost;
    return true;
  }

  /** Writes a colspan's copies (when `write`), or drops them. */
  private writePending(write: boolean): void {
    const table = this.table;
    const copy = table.pending;
    if (copy === null) return;
    table.pending = null;
    for (let count = 0; write && count < table.pendingCount && this.writeCopy(copy, '\t'); count++) table.cellsInRow++;
  }

  /** Writes a spanning cell's copy to the streams that got it, if the budget allows: false when it does not (copying stops). */
  private writeCopy(copy: CellCopy, before: string): boolean {
    const cost = before.length + copy.page.length;
    if (cost > this.copyBudget) {
      this.copyBudget = 0;
      this.table.carried.length = 0;
      this.table.carriedCount = 0;
      return false;
    }
    this.copyBudget -= cost;
    const { visible, chrome, inMain } = this.where();
    if (!visible || chrome || this.button !== null) return true;
    this.page.add(before + copy.page, copy.page.trim() !== '');
    if (inMain) this.main.add(before + copy.main, copy.main.trim() !== '');
    return true;
  }
}

/** A cell's text as one cell: its line and cell breaks (a nested table's) become spaces. */
function cellCopy(pieces: string[]): string {
  return pieces.join('').replace(/[\t\n]+/g, ' ');
}

/**
 * A rowspan or colspan attribute's value, as the standard's rules for parsing non-negative
 * integers read it: 1 when it reads none or 0 (a rowspan of 0 spans the rest of its row group:
 * `zero`), at most `max` (the standard's 1,000 columns, 65,534 rows).
 */
function spanOf(value: string | undefined, max: number, zero: number): number {
  const digits = /^[\t\n\f\r ]*\+?(\d+)/.exec(value ?? '')?.[1];
  if (digits === undefined) return 1;
  const span = digits.length > 6 ? max : Number(digits);
  return span === 0 ? zero : Math.min(span, max);
}

/**
 * The page's texts, best first: its main content (when it marks one), then the page without its
 * chrome. Only those with text are returned; a caller reads the first that holds a charter, so a
 * page whose `<main>` misses the table still reads. The chrome (header, navigation, footer) is in
 * neither: a cookie banner's table in a login page's footer is never taken for a charter.
 */
export function htmlTextCandidates(html: string): string[] {
  // Every open element, as the standard's tree builder keeps them (no DOM: only what each one does
  // to the text and the indexes that answer "is it in scope" in constant time).
  const stack: Tracked[] = [];
  /** The innermost open element of each name, and of each group: a stack index. */
  const innermost = new Map<string, number>();
  let hiddenDepth = 0;
  let chromeDepth = 0;
  let mainDepth = 0;
  let sectioningDepth = 0;
  let foreignDepth = 0;
  /** Open pre and listing elements: their whitespace is kept. */
  let preDepth = 0;
  /** True right after a pre or listing start tag, whose first line break is not shown. */
  let preStarted = false;
  /** Stack index of the outermost open svg or math element, or -1. */
  let foreignRoot = -1;
  let inHead = false;
  /**
   * Ids an expanding control named before (aria-controls on an element with aria-expanded: an
   * accordion's button): the panels it opens. One set, filled as the tags go by and asked once per
   * element: linear in the page.
   */
  const expandable = new Set<string>();
  /**
   * The text of an open `<sup>` (its stack index), held back until it shows whether it is a
   * footnote marker: one is dropped, so `_ga<sup>1</sup>` reads `_ga`, not `_ga1`; anything else
   * is written as it came, before the next tag that is not inline text.
   */
  let footnote: { index: number; text: string } | null = null;

  const layout = new Layout(
    () => ({ visible: hiddenDepth === 0 && !inHead, chrome: chromeDepth > 0, inMain: mainDepth > 0 }),
    COPY_BUDGET_FLOOR + html.length,
  );

  // The start tag being read: its name and the attributes that matter here.
  let tagName = '';
  let attributeName = '';
  let attributeValue: string[] = [];
  // Most tags have no attributes: they share one empty map, never written (a map is made at the first attribute).
  const noAttributes: ReadonlyMap<string, string> = new Map();
  let attributes: ReadonlyMap<string, string> = noAttributes;

  const indexOf = (key: string) => innermost.get(key) ?? -1;
  /** The innermost open element bounding that scope, or -1. */
  const bound = (scope: 'scope' | 'buttonScope' | 'listScope' | 'tableScope' | 'special' | 'specialForList') =>
    stack.length === 0 ? -1 : stack[stack.length - 1]![scope];

  const push = (name: string, hidden: boolean, chrome: boolean, main: boolean, sectioning: boolean, foreign: boolean, heading: boolean) => {
    const index = stack.length;
    const below = stack[index - 1];
    const group = heading ? '#h' : name === 'td' || name === 'th' ? '#cell' : name === 'dd' || name === 'dt' ? '#dd' : null;
    const inScope = SCOPE_BOUNDARY.has(name);
    const special = SPECIAL.has(name);
    const entry: Tracked = {
      name,
      group,
      previous: indexOf(name),
      previousInGroup: group === null ? -1 : indexOf(group),
      scope: inScope ? index : (below?.scope ?? -1),
      buttonScope: inScope || name === 'button' ? index : (below?.buttonScope ?? -1),
      listScope: inScope || name === 'ol' || name === 'ul' ? index : (below?.listScope ?? -1),
      tableScope: TABLE_SCOPE_BOUNDARY.has(name) ? index : (below?.tableScope ?? -1),
      special: special ? index : (below?.special ?? -1),
      specialForList: special && name !== 'address' && name !== 'div' && name !== 'p' ? index : (below?.specialForList ?? -1),
      hidden,
      chrome,
      main,
      sectioning,
      foreign,
      heading,
      button: name === 'button' && foreignDepth === 0,
      caption: false,
    };
    stack.push(entry);
    innermost.set(name, index);
    if (group !== null) innermost.set(group, index);
    if (entry.hidden) hiddenDepth++;
    if (entry.chrome) chromeDepth++;
    if (entry.main) mainDepth++;
    if (entry.sectioning) sectioningDepth++;
    if (entry.foreign && foreignDepth++ === 0) foreignRoot = index;
    if (name === 'pre' || name === 'listing') preDepth++;
  };

  /** Writes the held `<sup>` text: it is no footnote marker. */
  const releaseFootnote = () => {
    const held = footnote;
    footnote = null;
    if (held !== null && held.text !== '') layout.text(held.text, false);
  };

  const pop = (): Tracked | undefined => {
    const entry = stack.pop();
    if (!entry) return undefined;
    if (footnote !== null && stack.length === footnote.index) {
      if (FOOTNOTE_MARKER.test(footnote.text)) footnote = null;
      else releaseFootnote();
    }
    if (entry.previous < 0) innermost.delete(entry.name);
    else innermost.set(entry.name, entry.previous);
    if (entry.group !== null) {
      if (entry.previousInGroup < 0) innermost.delete(entry.group);
      else innermost.set(entry.group, entry.previousInGroup);
    }
    if (entry.hidden) hiddenDepth--;
    if (entry.chrome) chromeDepth--;
    if (entry.main) mainDepth--;
    if (entry.sectioning) sectioningDepth--;
    if (entry.foreign && --foreignDepth === 0) foreignRoot = -1;
    if (entry.name === 'pre' || entry.name === 'listing') preDepth--;
    if (entry.button) layout.buttonEnd(indexOf('#h') >= 0);
    if (entry.caption) layout.captionEnd();
    if (entry.heading) layout.headingEnd();
    else if (foreignDepth === 0) {
      if (entry.name === 'td' || entry.name === 'th') layout.cellEnd();
      else if (entry.name === 'tr') layout.rowEnd();
      else if (entry.name === 'table') layout.tableEnd();
      else if (ROW_GROUPS.has(entry.name)) layout.rowGroupBoundary();
      else if (entry.name === 'dt') layout.termEnd();
      else if (entry.name === 'dd') layout.descriptionEnd();
    }
    return entry;
  };

  /** Closes the open element at `index` and everything opened inside it (each element is popped once: linear overall). */
  const popTo = (index: number) => {
    while (stack.length > index) pop();
  };

  /** Closes the open element at `index` when it is in that scope: no element bounding the scope was opened inside it. */
  const closeInScope = (index: number, scope: Parameters<typeof bound>[0]) => {
    if (index >= 0 && index >= bound(scope)) popTo(index);
  };

  /** The end tags a start tag implies, as the standard's "in body" and table rules say. */
  const impliedEndTags = (name: string, headingLevel: number) => {
    if (name === 'li') closeInScope(indexOf('li'), 'specialForList');
    else if (name === 'dd' || name === 'dt') closeInScope(indexOf('#dd'), 'specialForList');
    if (CLOSES_P.has(name)) closeInScope(indexOf('p'), 'buttonScope');
    if (headingLevel > 0 && stack.length > 0 && stack[stack.length - 1]!.heading) pop();
    if ((name === 'option' || name === 'optgroup') && stack.length > 0 && stack[stack.length - 1]!.name === 'option') pop();
    if (name === 'button') closeInScope(indexOf('button'), 'scope');
    if (name === 'td' || name === 'th' || name === 'tr') closeInScope(indexOf('#cell'), 'tableScope');
    if (name === 'tr') closeInScope(indexOf('tr'), 'tableScope');
    if (TABLE_SECTIONS.has(name)) {
      const table = indexOf('table');
      if (table >= 0 && table >= bound('tableScope')) popTo(table + 1);
    }
  };

  /** Closes what an end tag closes, as the standard's "in body" and table rules say; an end tag with nothing to close is ignored. */
  const closeByEndTag = (name: string) => {
    if (name === 'body' || name === 'html') return; // the body stays open: what follows is still shown
    if (foreignDepth > 0 && indexOf(name) >= foreignRoot) return popTo(indexOf(name));
    if (name === 'p') return closeInScope(indexOf('p'), 'buttonScope');
    if (name === 'li') return closeInScope(indexOf('li'), 'listScope');
    if (headingLevelOf(name) > 0) return closeInScope(indexOf('#h'), 'scope');
    if (TABLE_END_TAGS.has(name)) return closeInScope(indexOf(name), 'tableScope');
    if (SPECIAL.has(name)) return closeInScope(indexOf(name), 'scope');
    // Any other end tag closes the innermost element of its name, unless a special element was opened inside it.
    const index = indexOf(name);
    if (index >= 0 && index > bound('special')) popTo(index);
  };

  const text = (content: string) => {
    // Text in the head (outside its raw-text elements) ends it, as the standard's tree builder does.
    if (inHead && hiddenDepth === 0 && content.trim() !== '') inHead = false;
    // A line break right after <pre>'s start tag is not shown, as the standard says.
    if (preStarted) content = content.replace(/^(?:\r\n?|\n)/, '');
    preStarted = false;
    if (footnote !== null) {
      if (hiddenDepth === 0 && !inHead) footnote.text += content;
      if (footnote.text.length > MAX_FOOTNOTE_TEXT) releaseFootnote();
      return;
    }
    layout.text(content, preDepth > 0);
  };

  const startTag = (selfClosing: boolean) => {
    const name = tagName;
    tagName = '';
    preStarted = false;
    if (footnote !== null && (!FOOTNOTE_INLINE.has(name) || attributes.has('role'))) releaseFootnote();
    if (name === '' || name === 'html') return; // the root is no scope's boundary here: a stray <html> closes nothing
    if (inHead && (name === 'body' || !HEAD_CONTENT.has(name))) inHead = false;
    if (name === 'head') {
      inHead = true;
      return;
    }
    if (foreignDepth > 0 && FOREIGN_BREAKOUT.has(name)) {
      while (foreignDepth > 0) pop();
    }
    const headingLevel = headingLevelOf(name);
    if (foreignDepth === 0) impliedEndTags(name, headingLevel);
    if (name === 'br') return layout.lineBreak();
    if (VOID.has(name)) {
      if (BLOCK.has(name)) layout.lineBreak();
      return;
    }
    if (selfClosing && (foreignDepth > 0 || name === 'svg' || name === 'math')) return; // a foreign element may close itself

    const hasAttributes = attributes.size > 0;
    const role = hasAttributes ? (attributes.get('role') ?? '').trim().toLowerCase() : '';
    if (hasAttributes && attributes.has('aria-expanded')) {
      for (const id of (attributes.get('aria-controls') ?? '').split(/\s+/)) if (id !== '') expandable.add(id);
    }
    // An accordion's collapsed panel is content the page opens in place, not hidden text: read, as
    // an element hidden until found is (a dialog is no such panel).
    const collapsedPanel =
      hasAttributes && expandable.has(attributes.get('id') ?? '') && name !== 'dialog' && role !== 'dialog' && role !== 'alertdialog';
    const hidden =
      HIDDEN_CONTENT.has(name) ||
      (hasAttributes &&
        !collapsedPanel &&
        ((attributes.has('hidden') && (attributes.get('hidden') ?? '').trim().toLowerCase() !== 'until-found') ||
          (attributes.get('aria-hidden') ?? '').trim().toLowerCase() === 'true' ||
          /display\s*:\s*none/i.test(attributes.get('style') ?? '')));
    const chrome = name === 'nav' || CHROME_ROLES.has(role) || ((name === 'header' || name === 'footer') && sectioningDepth === 0);
    const main = name === 'main' || role === 'main';
    const sectioning = SECTIONING.has(name) || SECTIONING_ROLES.has(role);
    const foreign = name === 'svg' || name === 'math';

    if (foreignDepth > 0) {
      // Foreign content (hidden) lays out nothing.
    } else if (name === 'tr') {
      layout.rowStart();
    } else if (name === 'td' || name === 'th') {
      layout.cellStart(spanOf(attributes.get('rowspan'), 65_534, 65_534), spanOf(attributes.get('colspan'), 1_000, 1));
    } else if (name === 'table') {
      layout.tableStart();
    } else if (ROW_GROUPS.has(name)) {
      layout.rowGroupBoundary();
    } else if (headingLevel > 0) {
      if (!hidden) layout.heading(headingLevel);
    } else if (name === 'button') {
      layout.buttonStart(disclosureControl(attributes));
    } else if (name === 'dd') {
      layout.descriptionStart(hidden);
    } else if (name === 'dt') {
      layout.termStart();
    } else if (BLOCK.has(name)) {
      layout.lineBreak();
    }
    // Every element is kept until its end tag, or the tag that implies its end, closes it.
    push(name, hidden, chrome, main, sectioning, foreign, headingLevel > 0);
    if (name === 'caption' && foreignDepth === 0) stack[stack.length - 1]!.caption = layout.captionStart();
    if (name === 'sup' && footnote === null && foreignDepth === 0 && hiddenDepth === 0 && !inHead && preDepth === 0) {
      footnote = { index: stack.length - 1, text: '' };
    }
    preStarted = name === 'pre' || name === 'listing';
  };

  const endTag = (name: string) => {
    preStarted = false;
    if (footnote !== null && name !== 'sup' && !FOOTNOTE_INLINE.has(name)) releaseFootnote();
    if (name === 'head') {
      inHead = false;
      return;
    }
    if (name === 'br') return layout.lineBreak();
    closeByEndTag(name); // a row, a cell, a table ends as it is closed (pop)
    if (BLOCK.has(name)) layout.lineBreak();
  };

  // htmlparser2 ends a script at its first `</script>`; the standard's escaped script states do not
  // (`<script><!-- document.write('<script></script>'); … --></script>`). When they end it later, the
  // tokenizer is stopped at the script's start tag and a new one reads on from the script's real
  // end tag: what lies between is script content, never text. Positions are the current
  // tokenizer's plus `base`, where its input starts in the page.
  let base = 0;
  /** Where the next tokenizer starts, when the current one was stopped at a script; else -1. */
  const restart = { at: -1 };
  let tokenizer: Tokenizer;
  /** A script start tag was read (its raw text starts at `from`, in the page): if the standard ends it past htmlparser2, stop there. */
  const scriptStarted = (from: number) => {
    const ends = scriptEnds(html, from);
    if (ends.standard > ends.tokenizer) {
      restart.at = ends.standard;
      tokenizer.pause();
    }
  };
  const callbacks: ConstructorParameters<typeof Tokenizer>[1] = {
    ontext: (start, end) => text(html.slice(base + start, base + end)),
    ontextentity: (codePoint) => text(String.fromCodePoint(codePoint)),
    onopentagname: (start, end) => {
      tagName = html.slice(base + start, base + end).toLowerCase();
      attributes = noAttributes;
    },
    onattribname: (start, end) => {
      attributeName = html.slice(base + start, base + end).toLowerCase();
      attributeValue = [];
      if (attributes === noAttributes) attributes = new Map();
    },
    onattribdata: (start, end) => {
      // Only short values are kept: role, hidden, style are all these decisions need.
      if (attributeValue.length < 16) attributeValue.push(html.slice(base + start, base + Math.min(end, start + 200)));
    },
    onattribentity: (codePoint) => {
      if (attributeValue.length < 16) attributeValue.push(String.fromCodePoint(codePoint));
    },
    onattribend: () => {
      if (attributes === noAttributes) attributes = new Map();
      if (!attributes.has(attributeName)) (attributes as Map<string, string>).set(attributeName, attributeValue.join(''));
      attributeValue = [];
    },
    onopentagend: (index) => {
      const script = tagName === 'script' && foreignDepth === 0; // the tokenizer reads it as raw text
      startTag(false);
      if (script) scriptStarted(base + index + 1);
    },
    onselfclosingtag: (index) => {
      const script = tagName === 'script' && foreignDepth === 0; // `<script/>` is raw text too
      startTag(true);
      if (script) scriptStarted(base + index + 1);
    },
    onclosetag: (start, end) => endTag(html.slice(base + start, base + end).toLowerCase()),
    oncdata: () => undefined,
    oncomment: () => undefined,
    ondeclaration: () => undefined,
    onprocessinginstruction: () => undefined,
    onend: () => undefined,
    isInForeignContext: () => foreignDepth > 0,
  };
  for (;;) {
    restart.at = -1;
    tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
    // A slice of a long string is not copied (V8 keeps a view), so restarts stay linear.
    tokenizer.write(base === 0 ? html : html.slice(base));
    if (restart.at < 0) break;
    base = restart.at;
  }
  tokenizer.end();
  releaseFootnote(); // a `<sup>` left open at the page's end

  return [layout.main, layout.page].filter((stream) => stream.hasText).map((stream) => tidyLines(stream.pieces.join('')));
}

/** The page's text, laid out line by line for the charter parser: its main content when it marks one. */
export function htmlToText(html: string): string {
  return htmlTextCandidates(html)[0] ?? '';
}

/** Each line and cell trimmed with inner spaces collapsed, PDF links dropped, at most one blank line in a row. */
function tidyLines(text: string): string {
  const lines: string[] = [];
  let blank = false;
  for (const raw of text.split('\n')) {
    const line = raw.includes('\t') ? raw.split('\t').map(tidyCell).join('\t') : tidyCell(raw);
    if (line === '' || (line.length < 60 && PDF_LINK_LINE.test(line))) {
      blank = true;
      continue;
    }
    if (blank && lines.length > 0) lines.push('');
    blank = false;
    lines.push(line);
  }
  return lines.join('\n');
}

function tidyCell(cell: string): string {
  return (cell.includes('  ') ? cell.replace(/ {2,}/g, ' ') : cell).trim();
}

/**
 * Where a script's raw text that starts at `from` ends (the `<` of its end tag, or the page's end):
 * as the standard's script data states read it (`<!--` escapes, `<script` inside an escape
 * double-escapes, and `</script>` then only ends the double escape, `-->` ends either), and as
 * htmlparser2 reads it (the first `</script>`). One pass over the script.
 */
function scriptEnds(html: string, from: number): { standard: number; tokenizer: number } {
  let tokenizer = -1;
  let state: 'data' | 'escaped' | 'double' = 'data';
  let dashes = 0;
  for (let index = from; index < html.length; index++) {
    const code = html.charCodeAt(index);
    if (code === 0x2d) {
      dashes++;
      continue;
    }
    const run = dashes;
    dashes = 0;
    if (code === 0x3e) {
      if (state !== 'data' && run >= 2) state = 'data';
      continue;
    }
    if (code !== 0x3c) continue;
    const endTag = html.charCodeAt(index + 1) === 0x2f && isScriptTagName(html, index + 2);
    if (endTag && tokenizer < 0) tokenizer = index;
    if (state === 'data') {
      if (endTag) return { standard: index, tokenizer };
      if (html.startsWith('!--', index + 1)) {
        state = 'escaped';
        dashes = 2;
        index += 3;
      }
    } else if (state === 'escaped') {
      if (endTag) return { standard: index, tokenizer };
      if (isScriptTagName(html, index + 1)) state = 'double';
    } else if (endTag) {
      state = 'escaped';
    }
  }
  return { standard: html.length, tokenizer: tokenizer < 0 ? html.length : tokenizer };
}

/** `script` (any case) at `at`, followed by what ends a tag name: whitespace, `/` or `>`. */
function isScriptTagName(html: string, at: number): boolean {
  if (html.slice(at, at + 6).toLowerCase() !== 'script') return false;
  const next = html.charCodeAt(at + 6);
  return next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0c || next === 0x0d || next === 0x2f || next === 0x3e;
}

/** 1 to 6 for h1 to h6 (the name is lower case), else 0. */
function headingLevelOf(name: string): number {
  const digit = name.charCodeAt(1) - 0x30;
  return name.length === 2 && name.charCodeAt(0) === 0x68 && digit >= 1 && digit <= 6 ? digit : 0;
}
