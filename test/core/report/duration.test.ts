import { describe, expect, it } from 'vitest';
import { formatSeconds, parseStatedLifetime } from '../../../src/core/report/duration.ts';

const DAY = 86400;

describe('parseStatedLifetime', () => {
  it.each([
    ['2 weeks', 14 * DAY],
    ['2 weeks by default', 14 * DAY],
    ['13 mois', 13 * 31 * DAY],
    ['6 months', 6 * 31 * DAY],
    ['up to 12 months', 12 * 31 * DAY],
    ['1 an', 366 * DAY],
    ['2 ans', 2 * 366 * DAY],
    ['30 minutes', 1800],
    ['24 heures', 24 * 3600],
    ['13 months / 30 minutes', 13 * 31 * DAY],
    ['1,5 jours', 1.5 * DAY],
    ['thirteen months', 13 * 31 * DAY],
  ])('reads %j', (text, seconds) => {
    expect(parseStatedLifetime(text)).toEqual({ kind: 'max', seconds });
  });

  it('reads session lifetimes', () => {
    expect(parseStatedLifetime('Session')).toEqual({ kind: 'session' });
    expect(parseStatedLifetime('durée de la session')).toEqual({ kind: 'session' });
  });

  it('says unknown rather than guessing', () => {
    for (const text of [null, '', 'persistent', 'variable', 'see vendor']) expect(parseStatedLifetime(text)).toEqual({ kind: 'unknown' });
  });

  it('formats seconds for evidence', () => {
    expect(formatSeconds(14 * DAY)).toBe('14 days');
    expect(formatSeconds(3 * 3600)).toBe('3 h');
    expect(formatSeconds(1800)).toBe('30 min');
    expect(formatSeconds(30)).toBe('30 s');
  });
});
