/**
 * Lifetimes in the UI language: a known tracker's, from the data the report carries
 * (core/registry/known-lifetime.ts). Only the report's view uses them, so they load with it, not
 * in the pages' shell (time-format.ts).
 */
import type { KnownLifetime, LifetimeUnit } from '../core/registry/known-lifetime.ts';
import type { Translate } from '../core/ui-strings.ts';
import { cached } from './time-format.ts';

/** "13 months", "13 mois": an amount of one unit in the UI language. */
export function formatSpan(amount: number, unit: LifetimeUnit, language: string): string {
  return cached(
    `${language} ${unit}`,
    () => new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }),
  ).format(amount);
}

/** "13 mois par défaut, modifiable", "de 30 secondes à 1 an", "non indiqué par Disqus". */
export function knownLifetimeWords(lifetime: KnownLifetime, t: Translate, language: string): string {
  switch (lifetime.kind) {
    case 'span':
      return formatSpan(lifetime.span.amount, lifetime.span.unit, language);
    case 'range':
      return t(
        'lifetimeRange',
        formatSpan(lifetime.shortest.amount, lifetime.shortest.unit, language),
        formatSpan(lifetime.longest.amount, lifetime.longest.unit, language),
      );
    case 'by-default':
      return t('lifetimeByDefault', formatSpan(lifetime.span.amount, lifetime.span.unit, language));
    case 'session':
      return t('sessionLifetime');
    case 'deleted-immediately':
      return t('lifetimeDeletedImmediately');
    case 'not-verified':
      return t('lifetimeNotVerified');
    case 'not-stated':
      return t('lifetimeNotStatedBy', lifetime.by);
  }
}
