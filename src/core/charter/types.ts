/** What a charter says a cookie is for; the section heading a row sits under decides it. */
export type Category = 'necessary' | 'statistics' | 'third-party' | 'other';

/** One cookie name declared by a charter row (a cell naming several cookies gives several entries). */
export type CharterEntry = {
  /** Who sets the cookie, as the charter writes it ("Opendatasoft", "Huwise", "Matomo"). */
  provider: string;
  /** Service and location column of the old template; null where the template has none. */
  service: string | null;
  /** Cookie name, or the fixed prefix without wildcard characters when `match` is 'prefix'. */
  cookie: string;
  /** 'prefix' for `_pk_id.*`, `_ga_<ID>`, "Any cookie starting with _hs"; 'exact' otherwise. */
  match: 'exact' | 'prefix';
  /** Purpose as the charter states it, trimmed, inner whitespace collapsed. */
  purpose: string;
  /** Lifetime as written ("2 weeks by default", "13 mois"); null when the charter gives none. */
  duration: string | null;
  /** From the section heading the row sits under. */
  category: Category;
};

/** A charter document read into data. */
export type ParsedCharter = {
  /** Host the charter names (no scheme, no path), or null when it names none. */
  portal: string | null;
  /** Language of the charter text. */
  language: 'fr' | 'en' | null;
  /** Declared cookies, in document order. */
  entries: CharterEntry[];
};
