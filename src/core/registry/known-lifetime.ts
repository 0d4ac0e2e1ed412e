/**
 * A known tracker's lifetime as data, as its vendor documents it: the pages say it in their
 * language from this, and the report, its exports and the CLI keep the English words made here.
 */

/** The units vendors state lifetimes in (Intl's unit names, so the pages can format them). */
export type LifetimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/** An amount of one unit, kept in the unit the vendor states it in ("365 days" is not "1 year"). */
export type LifetimeSpan = {
  /** How many units. */
  amount: number;
  /** Which unit. */
  unit: LifetimeUnit;
};

/** What a vendor's documentation says of how long a cookie lives. */
export type KnownLifetime =
  | {
      /** A fixed length ("2 years"). */
      kind: 'span';
      span: LifetimeSpan;
    }
  | {
      /** Anywhere from one length to another, depending on what the cookie holds ("30 seconds to 1 year"). */
      kind: 'range';
      shortest: LifetimeSpan;
      longest: LifetimeSpan;
    }
  | {
      /** A default the site can change ("13 months by default, can be configured"). */
      kind: 'by-default';
      span: LifetimeSpan;
      /** How the English words say it can change: each vendor's page words it its own way. */
      wording: 'can be configured' | 'modifiable';
    }
  | {
      /** Ends with the browsing session. */
      kind: 'session';
    }
  | {
      /** Removed as soon as it is written (a test cookie). */
      kind: 'deleted-immediately';
    }
  | {
      /** Not checked against the vendor's page (see the entry's comment). */
      kind: 'not-verified';
    }
  | {
      /** The vendor's page gives none. */
      kind: 'not-stated';
      /** Whose page: the vendor documenting the cookie, not always the one that sets it. */
      by: string;
    };

const spanOf = (amount: number, unit: LifetimeUnit): LifetimeSpan => ({ amount, unit });

/** "2 years". */
export const lasting = (amount: number, unit: LifetimeUnit): KnownLifetime => ({ kind: 'span', span: spanOf(amount, unit) });

/** "30 seconds to 1 year". */
export const between = (shortest: number, shortestUnit: LifetimeUnit, longest: number, longestUnit: LifetimeUnit): KnownLifetime => ({
  kind: 'range',
  shortest: spanOf(shortest, shortestUnit),
  longest: spanOf(longest, longestUnit),
});

/** "13 months by default, can be configured". */
export const byDefault = (amount: number, unit: LifetimeUnit, wording: 'can be configured' | 'modifiable'): KnownLifetime => ({
  kind: 'by-default',
  span: spanOf(amount, unit),
  wording,
});

/** "Not stated by Disqus". */
export const notStatedBy = (by: string): KnownLifetime => ({ kind: 'not-stated', by });

export const SESSION: KnownLifetime = Object.freeze({ kind: 'session' });
export const DELETED_IMMEDIATELY: KnownLifetime = Object.freeze({ kind: 'deleted-immediately' });
export const NOT_VERIFIED: KnownLifetime = Object.freeze({ kind: 'not-verified' });

/** "1 minute", "30 minutes": the unit's English name, plural past one. */
function spanInEnglish({ amount, unit }: LifetimeSpan): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** The lifetime in English words, as the report's `duration`, the exports and the CLI write it. */
export function lifetimeInEnglish(lifetime: KnownLifetime): string {
  switch (lifetime.kind) {
    case 'span':
      return spanInEnglish(lifetime.span);
    case 'range':
      return `${spanInEnglish(lifetime.shortest)} to ${spanInEnglish(lifetime.longest)}`;
    case 'by-default':
      return `${spanInEnglish(lifetime.span)} by default, ${lifetime.wording}`;
    case 'session':
      return 'Session';
    case 'deleted-immediately':
      return 'Deleted immediately';
    case 'not-verified':
      return 'Not verified';
    case 'not-stated':
      return `Not stated by ${lifetime.by}`;
  }
}
