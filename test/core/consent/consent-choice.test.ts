import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConsent, judgeCookie, phaseOf, type ConsentState } from '../../../src/core/consent/consent-choice.ts';

const NOW = 1_764_460_800_000;
const DAY = 24 * 3600 * 1000;
/** A value as the platform writes it: URI-encoded JSON (ods-labs/starterkit-huwise, src/utils/cookieUtils.ts). */
const platform = (choice: Record<string, unknown>) => encodeURIComponent(JSON.stringify(choice));

describe('decodeConsent: the platform’s shape', () => {
  it('reads a refusal of every tracker, with the moment of the choice', () => {
    expect(decodeConsent(platform({ functional_cookies: true, ga: false, matomo: false, timestamp: NOW - 5000 }), NOW)).toEqual({
      state: 'refused',
      trackers: { ga: false, matomo: false },
      chosenAt: NOW - 5000,
    });
  });

  it('reads an acceptance of every tracker', () => {
    expect(decodeConsent(platform({ functional_cookies: true, ga: true, matomo: true, xiti: true, timestamp: NOW }), NOW)).toEqual({
      state: 'accepted',
      trackers: { ga: true, matomo: true, xiti: true },
      chosenAt: NOW,
    });
  });

  it('keeps a mixed choice tracker by tracker', () => {
    expect(decodeConsent(platform({ functional_cookies: true, ga: false, matomo: true, timestamp: NOW }), NOW)).toEqual({
      state: 'choice',
      trackers: { ga: false, matomo: true },
      chosenAt: NOW,
    });
  });

  it('reads every known key, and keys it does not know yet', () => {
    const choice = {
      functional_cookies: true,
      ga: false,
      matomo: false,
      xiti: false,
      at: false,
      piano: false,
      eulerian: false,
      hotjar: false,
      timestamp: NOW,
    };
    const decoded = decodeConsent(platform(choice), NOW);
    expect(decoded.state).toBe('refused');
    expect(Object.keys(decoded.trackers)).toEqual(['ga', 'matomo', 'xiti', 'at', 'piano', 'eulerian', 'hotjar']);
  });

  it('never counts functional_cookies as a tracker, even written false', () => {
    expect(decodeConsent(platform({ functional_cookies: false, matomo: true }), NOW)).toMatchObject({
      state: 'accepted',
      trackers: { matomo: true },
    });
  });

  it('records a choice with no tracker to choose as a choice', () => {
    expect(decodeConsent(platform({ functional_cookies: true, timestamp: NOW }), NOW)).toEqual({
      state: 'choice',
      trackers: {},
      chosenAt: NOW,
    });
  });

  it('reads the shape without percent-encoding too, and with whitespace', () => {
    expect(decodeConsent(' {"ga": false, "matomo": false} ', NOW)).toMatchObject({
      state: 'refused',
      trackers: { ga: false, matomo: false },
    });
  });

  it('ignores flags that are not booleans and keys that are not tracker keys', () => {
    const decoded = decodeConsent(
      platform({ ga: 'false', matomo: true, '<b>x</b>': false, ['k'.repeat(60)]: false, nested: { ga: false } }),
      NOW,
    );
    expect(decoded).toEqual({ state: 'accepted', trackers: { matomo: true }, chosenAt: null });
  });

  it('keeps a key named like a prototype member out of the prototype', () => {
    const decoded = decodeConsent('{"__proto__":{"polluted":true},"constructor":false,"ga":true}', NOW);
    expect(decoded.trackers).toEqual({ constructor: false, ga: true });
    expect(Object.getPrototypeOf(decoded.trackers)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decoded.state).toBe('choice');
  });

  it.each([
    ['absent', undefined],
    ['a string', String(NOW)],
    ['zero', 0],
    ['older than a browser keeps a cookie', NOW - 401 * DAY],
    ['more than a day ahead', NOW + 2 * DAY],
    ['not finite', Number.POSITIVE_INFINITY],
  ])('does not take a timestamp that is %s as the moment of the choice', (_label, timestamp) => {
    expect(decodeConsent(platform({ functional_cookies: true, ga: false, timestamp }), NOW).chosenAt).toBeNull();
  });

  it('takes a timestamp within bounds, rounded to the millisecond', () => {
    expect(decodeConsent(platform({ ga: false, timestamp: NOW - 180 * DAY + 0.4 }), NOW).chosenAt).toBe(NOW - 180 * DAY);
    expect(decodeConsent(platform({ ga: false, timestamp: NOW + 3600 * 1000 }), NOW).chosenAt).toBe(NOW + 3600 * 1000);
  });

  it('keeps at most 32 tracker flags', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, false]));
    expect(Object.keys(decodeConsent(platform(many), NOW).trackers)).toHaveLength(32);
  });

  it('reads the state from every flag, those past the 32 kept too: one refusal after 32 acceptances is a mixed choice', () => {
    const accepted = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`t${i}`, true]));
    expect(decodeConsent(platform({ functional_cookies: true, ...accepted, ga: false, timestamp: NOW }), NOW).state).toBe('choice');
    const refused = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`t${i}`, false]));
    expect(decodeConsent(platform({ ...refused, ga: true }), NOW).state).toBe('choice');
    // Flags past the cap that agree with the others change nothing.
    expect(decodeConsent(platform({ ...accepted, ga: true }), NOW).state).toBe('accepted');
    expect(decodeConsent(platform({ ...refused, ga: false }), NOW).state).toBe('refused');
  });
});

describe('decodeConsent: older guesses, as soft fallbacks', () => {
  it.each([
    [JSON.stringify({ statistics: { matomo: true, ga: false } }), 'choice'],
    [encodeURIComponent(JSON.stringify({ statistics: { matomo: false } })), 'refused'],
    [JSON.stringify({ matomo: 'denied' }), 'refused'],
    ['ga:1,matomo:1', 'accepted'],
    ['matomo=false', 'refused'],
    ['accepted', 'accepted'],
    [btoa(JSON.stringify({ xiti: 'denied' })), 'refused'],
    ['', 'choice'],
    ['%E0%A4%A', 'choice'],
    ['{"a":', 'choice'],
    ['[true,false]', 'choice'],
    ['null', 'choice'],
    // A number is a yes or no only as 1 or 0, as a word is: a timestamp or a version says nothing.
    ['1764460800000', 'choice'],
    [JSON.stringify({ consent: { version: 2, at: 1764460800000, analytics: false } }), 'refused'],
    [JSON.stringify({ analytics: 1, ads: 0 }), 'choice'],
    [JSON.stringify({ analytics: 1 }), 'accepted'],
    // A 1 or 0 under a key of bookkeeping (a version, an id, a date, a count) is no answer.
    [JSON.stringify({ v: 1 }), 'choice'],
    [JSON.stringify({ version: 1 }), 'choice'],
    [JSON.stringify({ version: 1, analytics: 0 }), 'refused'],
    [JSON.stringify({ v: 1, ads: 'no' }), 'refused'],
    [JSON.stringify({ version: 1, categories: { analytics: false } }), 'refused'],
    [JSON.stringify({ schemaVersion: 1, consent_count: 1, created_at: 0, ads: 'denied' }), 'refused'],
    [JSON.stringify({ rev: 0, id: 1, ts: 1, analytics: 'yes' }), 'accepted'],
    [encodeURIComponent(JSON.stringify({ ver: 1, c: { ads: 0 } })), 'refused'],
    [btoa(JSON.stringify({ revision: 1, stats: { a: false } })), 'refused'],
    ['version=1&analytics=0', 'refused'],
    ['v:1|ads:0', 'refused'],
    ['expires=1;ads=1', 'accepted'],
    // A tracker whose key holds no word of bookkeeping still answers ("at" is AT Internet's).
    [JSON.stringify({ version: 1, c: { at: 0, ga: 1 } }), 'choice'],
    ['version=1&at=1', 'accepted'],
    // A 1 or 0 stands under the key just before it, not the first of its part.
    ['prefs=v:1|ads:0', 'refused'],
    ['consent=ads:0;v=1', 'refused'],
    ['v=ads:1', 'accepted'],
    // tarteaucitron's shape: `!` parts, each key=value read on its own.
    ['!v=1!ga=0', 'refused'],
    ['!gajs=true!v=1', 'accepted'],
    ['!gajs=true!facebook=false', 'choice'],
    ['!gtag=false!youtube=false', 'refused'],
    // A service not answered yet (tarteaucitron's `wait`) leaves the whole neither refused nor accepted (a review's M1).
    ['!gajs=false!matomo=wait', 'choice'],
    ['!gajs=true!matomo=wait', 'choice'],
  ])('reads %j as %s, with no tracker flags', (value, state) => {
    expect(decodeConsent(value, NOW)).toEqual({ state, trackers: {}, chosenAt: null });
  });

  it('treats a missing value as a recorded choice', () => {
    expect(decodeConsent(undefined, NOW)).toEqual({ state: 'choice', trackers: {}, chosenAt: null });
  });
});

describe('decodeConsent: hostile values', () => {
  it.each([
    ['a long word', 'x'.repeat(100_000)],
    ['deep nesting', '['.repeat(100_000)],
    ['deep nesting, encoded', '%5B'.repeat(50_000)],
    ['many keys', `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":false`).join(',')}}`],
    ['percent signs', '%'.repeat(100_000)],
    ['separators', ',;&|:='.repeat(20_000)],
    ['control characters', '\u0000\u001b[2J'.repeat(10_000)],
  ])('reads %s without throwing', (_label, value) => {
    const decoded = decodeConsent(value, NOW);
    expect(['accepted', 'refused', 'choice']).toContain(decoded.state);
    expect(Object.keys(decoded.trackers).length).toBeLessThanOrEqual(32);
  });

  it('cuts a value longer than a browser allows before reading it', () => {
    // A refusal hidden after 4,096 characters of padding is not read.
    expect(decodeConsent(`${' '.repeat(5000)}{"ga":false}`, NOW).state).toBe('choice');
  });

  it('never throws, and always answers in its own terms (property)', () => {
    const values = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => encodeURIComponent(JSON.stringify(value) ?? '')),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.boolean(), fc.double(), fc.string({ maxLength: 5 }))).map(platform),
    );
    fc.assert(
      fc.property(values, (value) => {
        const decoded = decodeConsent(value, NOW);
        expect(['accepted', 'refused', 'choice']).toContain(decoded.state);
        const flags = Object.entries(decoded.trackers);
        expect(flags.length).toBeLessThanOrEqual(32);
        for (const [key, flag] of flags) {
          expect(key).toMatch(/^[a-z][a-z0-9_-]{0,39}$/i);
          expect(typeof flag).toBe('boolean');
        }
        if (decoded.chosenAt !== null) {
          expect(decoded.chosenAt).toBeGreaterThanOrEqual(NOW - 400 * DAY);
          expect(decoded.chosenAt).toBeLessThanOrEqual(NOW + DAY);
        }
        // Flags and state agree.
        if (flags.length > 0 && flags.every(([, flag]) => flag)) expect(decoded.state).toBe('accepted');
        if (flags.length > 0 && flags.every(([, flag]) => !flag)) expect(decoded.state).toBe('refused');
      }),
      { numRuns: 500 },
    );
  });
});

describe('judgeCookie', () => {
  const mixed = { state: 'choice' as ConsentState, trackers: { ga: false, matomo: true } };

  it('judges a cookie of a tracker the choice names by that tracker’s flag', () => {
    expect(judgeCookie(mixed, ['ga'])).toEqual({ phase: 'after-refuse', refused: ['ga'] });
    expect(judgeCookie(mixed, ['matomo'])).toEqual({ phase: 'after-accept', refused: [] });
  });

  it('judges any other cookie by the overall choice: after a mixed one, nobody’s', () => {
    expect(judgeCookie(mixed, [])).toEqual({ phase: 'after-choice', refused: [] });
    expect(judgeCookie(mixed, ['piano'])).toEqual({ phase: 'after-choice', refused: [] });
    expect(judgeCookie({ state: 'accepted', trackers: {} }, [])).toEqual({ phase: 'after-accept', refused: [] });
    // A refusal in a shape with no flags speaks for every cookie.
    expect(judgeCookie({ state: 'refused', trackers: {} }, [])).toEqual({ phase: 'after-refuse', refused: [] });
  });

  it('never reads a refusal of the banner’s switches as a refusal of a cookie no switch covers', () => {
    const refusedAll = { state: 'refused' as ConsentState, trackers: { ga: false, matomo: false } };
    // Disqus, reCAPTCHA, an unknown widget: no family; a tracker whose flag the choice lacks.
    // (Which switches were all off is kept: a statistics cookie goes against them, see findings.ts.)
    expect(judgeCookie(refusedAll, [])).toEqual({ phase: 'after-choice', refused: [], allOff: ['ga', 'matomo'] });
    expect(judgeCookie({ state: 'refused', trackers: { matomo: false } }, ['ga'])).toEqual({
      phase: 'after-choice',
      refused: [],
      allOff: ['matomo'],
    });
    // Its own switch still refuses a flagged tracker's cookie.
    expect(judgeCookie(refusedAll, ['ga'])).toEqual({ phase: 'after-refuse', refused: ['ga'] });
  });

  it('refuses a cookie several keys govern only when every one the choice carries is false', () => {
    const keys = ['at', 'xiti', 'piano'];
    expect(judgeCookie({ state: 'choice', trackers: { xiti: false, at: true } }, keys).phase).toBe('after-accept');
    expect(judgeCookie({ state: 'choice', trackers: { xiti: false, at: false, ga: true } }, keys)).toEqual({
      phase: 'after-refuse',
      refused: ['at', 'xiti'],
    });
  });

  it('is before the choice while there is none', () => {
    expect(judgeCookie({ state: 'none', trackers: {} }, ['ga'])).toEqual({ phase: 'before-choice', refused: [] });
  });

  it('maps states to phases', () => {
    expect(['none', 'accepted', 'refused', 'choice'].map((s) => phaseOf(s as ConsentState))).toEqual([
      'before-choice',
      'after-accept',
      'after-refuse',
      'after-choice',
    ]);
  });
});
