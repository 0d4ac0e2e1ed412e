import { describe, expect, it } from 'vitest';
import {
  fitRecord,
  keepableLiveCharter,
  LIVE_CHARTER_LIMIT_BYTES,
  SITE_RECORD_LIMIT_BYTES,
} from '../../../src/core/storage/record-limit.ts';
import type { LiveCharterRecord } from '../../../src/core/charter/live-record.ts';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { emptySite, evictedRecord, presentCookies, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
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

  it('counts apart the events it drops to fit, so the timeline can say why they went (a reviewer’s case)', () => {
    const site = recordOf(30, 200);
    fitRecord(site, KEY, storedBytes(KEY, JSON.stringify(site)) - 2000);
    expect(site.droppedEvents).toBeGreaterThan(0);
    expect(site.droppedEventsToFit).toBe(site.droppedEvents);
    const first = site.droppedEventsToFit!;
    // Fitted again, the count adds up; it is stored with the record.
    const text = fitRecord(site, KEY, storedBytes(KEY, JSON.stringify(site)) - 2000);
    expect(site.droppedEventsToFit).toBeGreaterThan(first);
    expect(JSON.parse(text).droppedEventsToFit).toBe(site.droppedEvents);
  });

  it('counts none of the events the 1,000-event cap drops, and leaves the count absent when none went to fit', () => {
    const site = emptySite('data.tco.re', '0');
    for (let i = 0; i < 1005; i++) recordCookieChange(site, browserCookie({ name: `c${i % 3}`, value: `${i}` }), false, i);
    expect(site.droppedEvents).toBe(5);
    const text = fitRecord(site, KEY);
    expect(site).not.toHaveProperty('droppedEventsToFit');
    expect(text).not.toContain('droppedEventsToFit');
  });

  it('trims consent cookies last, and within the limit even when a site sets megabytes of them, saying so (a reviewer’s case)', () => {
    const site = emptySite('data.tco.re', '0');
    for (let i = 0; i < 1200; i++) {
      const path = `/${'p'.repeat(999)}`;
      recordCookieChange(site, browserCookie({ name: 'cookies_preferences', path: `${path}${i}` }), false, i);
    }
    recordCookieChange(site, browserCookie({ name: 'sessionid' }), false, 5000);
    const key = 'site:0|data.tco.re';
    const text = fitRecord(site, key);
    expect(storedBytes(key, text)).toBeLessThanOrEqual(SITE_RECORD_LIMIT_BYTES);
    // Every other present cookie went before the first consent cookie did.
    expect(presentCookies(site).some((cookie) => cookie.name === 'sessionid')).toBe(false);
    expect(site.consentCookieTrimmed).toBe(true);
    // The choices they held went with them: only those of the consent cookies kept are.
    expect(site.heldChoices!.map((choice) => choice.key)).toEqual(Object.keys(site.cookies));
    expect(evictedRecord(site, 6000)).not.toHaveProperty('choiceHeldBy');
  });

  it('keeps a consent cookie present while other cookies make room', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences' }), false, 1);
    for (let i = 0; i < 50; i++) recordCookieChange(site, browserCookie({ name: `c${i}` }), false, 2 + i);
    fitRecord(site, 'k', 2000);
    expect(site.droppedCookies).toBeGreaterThan(0);
    expect(presentCookies(site).map((cookie) => cookie.name)).toContain('cookies_preferences');
    expect(site.consentCookieTrimmed).toBeUndefined();
  });

  it('trims a consent cookie that cannot hold the site’s choice as any other, and does not say the choice’s cookie is unknown (a reviewer’s case)', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences' }), false, 1);
    // Megabytes of consent cookies no page of the site reads: a third party's (set by an embedded
    // frame), and ones partitioned under other sites that embed the portal.
    const path = `/${'p'.repeat(999)}`;
    for (let i = 0; i < 600; i++) {
      const thirdParty = browserCookie({ name: 'cookies_preferences', domain: 'widget.example.net', path: `${path}${i}` });
      recordCookieChange(site, thirdParty, false, 2 + i, { via: 'frame' });
      const foreign = browserCookie({
        name: 'cookies_preferences',
        path: `${path}${i}`,
        partitionKey: { topLevelSite: `https://s${i}.example` },
      });
      recordCookieChange(site, foreign, false, 2 + i);
    }
    recordCookieChange(site, browserCookie({ name: 'sessionid' }), false, 5000);
    const text = fitRecord(site, KEY);
    expect(storedBytes(KEY, text)).toBeLessThanOrEqual(SITE_RECORD_LIMIT_BYTES);
    expect(site.droppedCookies).toBeGreaterThan(0);
    // The oldest of them went first, before the later-changed sessionid; the site's own stays.
    expect(presentCookies(site).map((cookie) => cookie.name)).toContain('sessionid');
    expect(presentCookies(site).filter((cookie) => cookie.name === 'cookies_preferences' && cookie.path === '/')).toHaveLength(1);
    expect(site.consentCookieTrimmed).toBeUndefined();
    expect(evictedRecord(site, 6000).choiceHeldBy).toHaveLength(1);
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

describe('keepableLiveCharter', () => {
  const HOST = 'granted.example';
  const CHARTER_KEY = `charter:${HOST}`;
  /** A live charter read of `rows` rows, each naming `names` cookies with one purpose of `purposeLength` characters. */
  function liveRecord(rows: number, names: number, purposeLength: number): LiveCharterRecord {
    const entries: CharterEntry[] = [];
    for (let row = 0; row < rows; row++) {
      // One string for the row, as the parser gives it: the page holds it once, every entry of the row names it.
      const purpose = `${row}${'x'.repeat(purposeLength)}`;
      for (let name = 0; name < names; name++) {
        entries.push({
          provider: `P${row}`,
          service: null,
          cookie: `r${row}c${name}`,
          match: 'exact',
          purpose,
          duration: null,
          category: 'other',
        });
      }
    }
    const unreadRows = [{ line: 3, text: 'a row', reason: 'purpose cell of 10,001 characters, over the limit of 10,000' }];
    return {
      host: HOST,
      fetchedAt: 1000,
      url: `https://${HOST}/terms/cookies-policy/`,
      path: '/terms/cookies-policy/',
      charter: { portal: HOST, language: 'en', entries },
      unreadRows,
      problem: null,
      attempt: 'a1',
    };
  }

  it('keeps a record within the limit as it is, to the byte as storage counts it', () => {
    const record = liveRecord(3, 4, 100);
    const bytes = storedBytes(CHARTER_KEY, JSON.stringify(record));
    expect(keepableLiveCharter(record, bytes)).toBe(record);
    expect(keepableLiveCharter(record)).toBe(record);
    expect(keepableLiveCharter(record, bytes - 1)).toEqual({
      host: HOST,
      fetchedAt: 1000,
      url: null,
      charter: null,
      problem: { kind: 'too-large-to-keep', limit: bytes - 1, path: '/terms/cookies-policy/' },
      // The read it names was never stored: the refusal keeps its name.
      attempt: 'a1',
    });
  });

  it('refuses a page of 266 kB whose purposes, copied into each cookie its cell names, would take 45 MB: said, not stored', () => {
    // 25 rows, each naming 200 cookies with one 9,000-character purpose: within every limit of the page.
    const record = liveRecord(25, 200, 9000);
    expect(record.charter!.entries).toHaveLength(5000);
    const kept = keepableLiveCharter(record);
    expect(kept.charter).toBeNull();
    expect(kept.problem).toEqual({ kind: 'too-large-to-keep', limit: LIVE_CHARTER_LIMIT_BYTES, path: '/terms/cookies-policy/' });
    // A refusal is retried as any failed read is (isStale), and takes a few hundred bytes.
    expect(JSON.stringify(kept).length).toBeLessThan(300);
  });

  it('leaves a failed read as it is', () => {
    const failed: LiveCharterRecord = { host: HOST, fetchedAt: 5, url: null, charter: null, problem: { kind: 'network' } };
    expect(keepableLiveCharter(failed, 10)).toBe(failed);
  });
});
