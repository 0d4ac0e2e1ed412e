import { describe, expect, it } from 'vitest';
import { fitRecord, SITE_RECORD_LIMIT_BYTES } from '../../../src/core/storage/record-limit.ts';
import { emptySite, presentCookies, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { storedBytes } from '../../../src/core/storage/session-quota.ts';
import { browserCookie } from '../../support/cookies.ts';

const KEY = 'site:0|data.tco.re';

/** A record with `count` cookies named with `size` characters; every third removed. */
function recordOf(count: number, size: number) {
  const site = emptySite('data.tco.re', '0');
  for (let i = 0; i < count; i++) {
    const cookie = browserCookie({ name: `${String(i).padStart(4, '0')}${'x'.repeat(size)}` });
    recordCookieChange(site, cookie, false, 1000 + i);
    if (i % 3 === 0) recordCookieChange(site, cookie, true, 5000 + count - i);
  }
  return site;
}

describe('fitRecord', () => {
  it('leaves a record within the limit as it is', () => {
    const site = recordOf(10, 10);
    const before = JSON.stringify(site);
    expect(fitRecord(site, KEY)).toBe(before);
    expect(site.droppedEvents).toBe(0);
  });

  it('drops the oldest events first, then removed cookies by removal time, then present ones by last change', () => {
    const site = recordOf(30, 200);
    const eventsOnly = fitRecord(structuredClone(site), KEY, storedBytes(KEY, JSON.stringify(site)) - 2000);
    const fewerEvents = JSON.parse(eventsOnly);
    expect(Object.keys(fewerEvents.cookies)).toHaveLength(30);
    expect(fewerEvents.droppedEvents).toBeGreaterThan(0);
    expect(fewerEvents.timeline.at(-1)).toEqual(site.timeline.at(-1));

    const small = structuredClone(site);
    const text = fitRecord(small, KEY, 4000);
    expect(storedBytes(KEY, text)).toBeLessThanOrEqual(4000);
    expect(small.timeline).toEqual([]);
    expect(small.droppedEvents).toBe(site.timeline.length);
    // Every removed cookie went before any present one; the present ones kept are the latest changed.
    const kept = Object.values(small.cookies);
    expect(kept.every((cookie) => cookie.removed === null)).toBe(true);
    expect(presentCookies(small).map((c) => c.lastChanged)).toEqual(
      presentCookies(site)
        .map((c) => c.lastChanged)
        .slice(-kept.length),
    );
    expect(small.droppedCookies).toBe(30 - kept.length);
  });

  it('holds a site of 2,000 cookies and a full timeline (the benchmark’s largest) whole', () => {
    const site = recordOf(2000, 12);
    expect(storedBytes(KEY, JSON.stringify(site))).toBeLessThan(SITE_RECORD_LIMIT_BYTES);
  });

  it('fits a record of hostile 4 KB names in linear work, never by a spread of its events', () => {
    const site = recordOf(600, 4000);
    const text = fitRecord(site, KEY);
    expect(storedBytes(KEY, text)).toBeLessThanOrEqual(SITE_RECORD_LIMIT_BYTES);
    expect(site.droppedEvents).toBeGreaterThan(0);
  });
});
