import { describe, expect, it } from 'vitest';
import { fitRecord } from '../../../src/core/storage/record-limit.ts';
import {
  appendTimeline,
  claimByResponse,
  consentAt,
  differsFromRecord,
  emptySite,
  evictedRecord,
  forgetSiteRemovalsApart,
  isEvicted,
  lastActivity,
  notePageLoaded,
  notePageOfResponse,
  PAGE_EVIDENCE_MS,
  PAGES_LIMIT_CHARS,
  presentCookies,
  recordCookieChange,
  recordFoundWrite,
  TIMELINE_LIMIT,
  type SiteRecord,
} from '../../../src/core/cookies/site-record.ts';
import { findingsFor } from '../../../src/core/report/findings.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { buildRegistry } from '../../../src/core/registry/registry.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import type { BrowserCookie } from '../../../src/core/cookies/cookie-record.ts';
import { METROPOLE_CHARTER } from '../registry/charter-fixtures.ts';
import { browserCookie } from '../../support/cookies.ts';
import { declaredStatistics } from '../../support/charter-entries.ts';

const consent = (value: string) => browserCookie({ name: 'cookies_preferences', value, httpOnly: false });
const accept = consent(encodeURIComponent(JSON.stringify({ matomo: true })));
const refuse = consent(encodeURIComponent(JSON.stringify({ matomo: false })));
/** A value in the platform's shape (ods-labs/starterkit-huwise, src/utils/cookieUtils.ts). */
const platform = (choice: Record<string, unknown>) => encodeURIComponent(JSON.stringify(choice));

describe('recordCookieChange', () => {
  it('keeps the page a cookie first appeared on, and not a later one', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1, { page: '/explore/dataset/demo/map/' });
    recordCookieChange(site, browserCookie({ httpOnly: false }), false, 2, { page: '/explore/' });
    expect(presentCookies(site)[0]!.firstPage).toBe('/explore/dataset/demo/map/');
    recordCookieChange(site, browserCookie({ name: 'unknown_page' }), false, 3);
    expect(site.cookies[Object.keys(site.cookies)[1]!]!.firstPage).toBeNull();
    // That page is among those the site's tabs loaded; a change elsewhere adds none.
    expect(site.pages).toEqual(['/explore/dataset/demo/map/']);
  });

  it('gives a cookie found after a choice no page, until an event says where it was set', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, accept, false, 1, { page: '/' });
    recordCookieChange(site, browserCookie({ name: 'found' }), false, 2, { found: true, page: '/explore/' });
    const key = Object.keys(site.cookies).find((k) => k.includes('found'))!;
    expect(site.cookies[key]).toMatchObject({ firstPhase: 'unknown', firstPage: null });
    recordCookieChange(site, browserCookie({ name: 'found' }), false, 3, { page: '/pages/home/' });
    expect(site.cookies[key]).toMatchObject({ firstPhase: 'after-accept', firstPage: '/pages/home/' });
  });

  it('gives a cookie found before any choice no phase either (an earlier choice may have lapsed), until an event tells it', () => {
    // The choice lasts six months, Matomo's _pk_id thirteen: a visitor who accepted seven months ago comes back.
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: '_pk_id.4.8a1c' }), false, 1, { found: true, page: '/' });
    const [found] = Object.values(site.cookies);
    expect(found).toMatchObject({ firstPhase: 'unknown', setPhases: [], firstPage: null });
    expect(site.timeline).toMatchObject([{ type: 'set', phase: 'unknown', found: true }]);
    // The tracker runs again before the visitor chooses this time: that write was before the choice.
    recordCookieChange(site, browserCookie({ name: '_pk_id.4.8a1c' }), false, 2, { page: '/explore/' });
    expect(found).toMatchObject({ firstPhase: 'before-choice', setPhases: ['before-choice'], firstPage: '/explore/' });
  });

  it('marks a cookie of embedded content, judges it by the overall choice only, and never reads another site’s consent cookie', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, consent(platform({ functional_cookies: true, matomo: false, ga: true })), false, 1);
    expect(site.consent.state).toBe('choice');
    // `_ga` of an embedded frame answers to no switch of the portal's banner: 'after-choice', not 'after-accept'.
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.video.example.net', hostOnly: false }), false, 2, { via: 'frame' });
    const embedded = Object.values(site.cookies).find((c) => c.name === '_ga')!;
    expect(embedded).toMatchObject({ firstPhase: 'after-choice', thirdParty: { via: 'frame' } });
    expect(embedded.refusedBy).toBeUndefined();
    recordCookieChange(site, { ...consent(platform({ matomo: true })), domain: 'widget.example.net' }, false, 3, { via: 'response' });
    expect(site.consent.state).toBe('choice');
  });

  it('records a set, then a change, then a removal of one cookie', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1);
    recordCookieChange(site, browserCookie({ httpOnly: false }), false, 2);
    expect(Object.values(site.cookies)).toHaveLength(1);
    expect(presentCookies(site)[0]).toMatchObject({ firstSeen: 1, lastChanged: 2, httpOnly: false });

    recordCookieChange(site, browserCookie(), true, 3);
    expect(presentCookies(site)).toEqual([]);
    expect(Object.values(site.cookies)[0]).toMatchObject({ removed: 3, firstSeen: 1 });
    expect(site.timeline.map((e) => e.type)).toEqual(['set', 'changed', 'removed']);
  });

  it('keeps apart two partitioned cookies that differ only by Chrome’s hasCrossSiteAncestor: one removed leaves the other present', () => {
    const site = emptySite('data.tco.re', '0');
    const chips = (hasCrossSiteAncestor: boolean) =>
      browserCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://tco.re', hasCrossSiteAncestor } });
    recordCookieChange(site, chips(false), false, 1);
    recordCookieChange(site, chips(true), false, 2);
    expect(presentCookies(site)).toHaveLength(2);
    recordCookieChange(site, chips(true), true, 3);
    expect(presentCookies(site)).toMatchObject([{ name: 'chips', hasCrossSiteAncestor: false, removed: null }]);
    expect(JSON.stringify(site)).not.toContain('SECRET-VALUE');
  });

  it('matches a partitioned cookie recorded by an earlier version (no hasCrossSiteAncestor) to Chrome’s event of it', () => {
    const site = emptySite('data.tco.re', '0');
    // Recorded before the field was kept: Chrome's cookie then is the one with the bit it infers (same-site: false).
    recordCookieChange(site, browserCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://tco.re' } }), false, 1);
    recordCookieChange(
      site,
      browserCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://tco.re', hasCrossSiteAncestor: false } }),
      true,
      2,
    );
    expect(presentCookies(site)).toEqual([]);
    expect(Object.values(site.cookies)).toMatchObject([{ removed: 2, firstSeen: 1 }]);
  });

  it('keeps the history of a cookie removed and set again: the same name, domain and path is the same cookie', () => {
    const site = emptySite('data.tco.re', '0');
    const gat = browserCookie({ name: '_gat', domain: '.tco.re', hostOnly: false });
    recordCookieChange(site, gat, false, 1, { page: '/explore/' });
    recordCookieChange(site, gat, true, 60_001, { byBrowser: true });
    recordCookieChange(site, consent(platform({ ga: false, matomo: true })), false, 60_002);
    recordCookieChange(site, gat, false, 60_003, { page: '/pages/home/' });
    recordCookieChange(site, gat, true, 120_003, { byBrowser: true });
    recordCookieChange(site, consent(platform({ ga: true })), false, 120_004);
    recordCookieChange(site, gat, false, 120_005, { page: '/' });
    expect(presentCookies(site).find((c) => c.name === '_gat')).toMatchObject({
      firstSeen: 1,
      lastChanged: 120_005,
      removed: null,
      firstPhase: 'before-choice',
      firstPage: '/explore/',
      setPhases: ['before-choice', 'after-refuse', 'after-accept'],
      refusedBy: ['ga'],
    });
    // Each time it comes back is a new cookie in the browser: the timeline says "set".
    expect(site.timeline.flatMap((e) => ('name' in e && e.name === '_gat' ? [e.type] : []))).toEqual([
      'set',
      'removed',
      'set',
      'removed',
      'set',
    ]);
    // The switches all off when it was set are kept too.
    const allOff = emptySite('data.tco.re', '0');
    recordCookieChange(allOff, consent(platform({ matomo: false })), false, 1);
    recordCookieChange(allOff, browserCookie({ name: '__utma' }), false, 2);
    recordCookieChange(allOff, browserCookie({ name: '__utma' }), true, 3);
    recordCookieChange(allOff, consent(platform({ matomo: true })), false, 4);
    recordCookieChange(allOff, browserCookie({ name: '__utma' }), false, 5);
    expect(presentCookies(allOff).find((c) => c.name === '__utma')).toMatchObject({ allOffWhenSet: ['matomo'], firstSeen: 2 });
  });

  it('marks a removal the browser made itself (expiry, eviction), and nothing else', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: '_gat' }), false, 1, { byBrowser: true });
    recordCookieChange(site, browserCookie({ name: '_gat' }), true, 60_001, { byBrowser: true });
    recordCookieChange(site, browserCookie(), false, 60_002);
    recordCookieChange(site, browserCookie(), true, 60_003);
    expect(site.timeline).toEqual([
      expect.not.objectContaining({ byBrowser: expect.anything() }),
      expect.objectContaining({ type: 'removed', name: '_gat', byBrowser: true }),
      expect.not.objectContaining({ byBrowser: expect.anything() }),
      expect.not.objectContaining({ byBrowser: expect.anything() }),
    ]);
  });

  it('records nothing for the removal of a cookie it never knew', () => {
    const site = emptySite('data.tco.re', '0');
    expect(recordCookieChange(site, browserCookie(), true, 1)).toBeNull();
    expect(site).toEqual(emptySite('data.tco.re', '0'));
  });

  it('tags events with the consent phase, the choice itself opening its phase', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1);
    recordCookieChange(site, accept, false, 2);
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.ab' }), false, 3);
    recordCookieChange(site, refuse, false, 4);
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.ab' }), false, 5);
    recordCookieChange(site, consent('opaque-format'), false, 6);
    recordCookieChange(site, browserCookie({ name: 'x' }), false, 7);
    expect(site.timeline.map((e) => ('phase' in e ? `${e.type} ${e.name} ${e.phase}` : e.type))).toEqual([
      'set sessionid before-choice',
      'set cookies_preferences after-accept',
      'set _pk_id.1.ab after-accept',
      'changed cookies_preferences after-refuse',
      'changed _pk_id.1.ab after-refuse',
      'changed cookies_preferences after-choice',
      'set x after-choice',
    ]);
    const matomo = presentCookies(site).find((c) => c.name === '_pk_id.1.ab')!;
    expect(matomo.firstPhase).toBe('after-accept');
    expect(matomo.setPhases).toEqual(['after-accept', 'after-refuse']);
    expect(site.consent).toEqual({ state: 'choice', changedAt: 6, trackers: {} });
  });

  it('keeps on each event of the consent cookie the choice it recorded, tracker by tracker', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1);
    recordCookieChange(site, consent(platform({ functional_cookies: true, ga: false, matomo: true, timestamp: 2 })), false, 2);
    recordCookieChange(site, refuse, false, 3);
    recordCookieChange(site, refuse, true, 4);
    expect(site.timeline.map((e) => ('consent' in e ? e.consent : null))).toEqual([
      null,
      { state: 'choice', trackers: { ga: false, matomo: true } },
      { state: 'refused', trackers: { matomo: false } },
      { state: 'none', trackers: {} },
    ]);
    // The first choice's flags are its own, not a view of the site's later consent.
    site.consent.trackers.ga = true;
    expect(site.timeline[1]).toMatchObject({ consent: { trackers: { ga: false } } });
  });

  it('marks a write of the consent cookie that saved the choice in force again as the same choice, not a change', () => {
    const site = emptySite('data.tco.re', '0');
    const flags = (ga: boolean) => consent(platform({ functional_cookies: true, ga, matomo: false }));
    recordCookieChange(site, flags(false), false, 1);
    recordCookieChange(site, flags(false), false, 2);
    // Another tracker's flag is another choice, though the state stays 'choice'.
    recordCookieChange(site, consent(platform({ functional_cookies: true, ga: false, matomo: true })), false, 3);
    recordCookieChange(site, refuse, false, 4);
    recordCookieChange(site, refuse, false, 5);
    expect(site.timeline.map((event) => `${event.type}${'sameChoice' in event ? ' same' : ''}`)).toEqual([
      'set',
      'changed same',
      'changed',
      'changed',
      'changed same',
    ]);
    // Removed, the same choice written again is a choice made (the banner asked again), not the same one saved.
    recordCookieChange(site, refuse, true, 6);
    recordCookieChange(site, refuse, false, 7);
    expect(site.timeline.at(-1)).not.toHaveProperty('sameChoice');
  });

  it('marks the same choice written again over the consent cookie a record dropped to make room still holds, a change there (re-review rrTl 3, rrTl2 2)', () => {
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, refuse, false, 1);
    site = evictedRecord(site, 2);
    // The record no longer shows the cookie, but knows it holds the refusal: the same refusal is saved again.
    recordCookieChange(site, refuse, false, 3);
    expect(site.timeline.at(-1)).toMatchObject({ type: 'changed', sameChoice: true });
    // Another choice, or a consent cookie that did not hold the choice (another path), is not.
    let other = emptySite('data.tco.re', '0');
    recordCookieChange(other, refuse, false, 1);
    other = evictedRecord(other, 2);
    recordCookieChange(other, accept, false, 3);
    recordCookieChange(other, { ...refuse, path: '/fr' }, false, 4);
    recordCookieChange(other, { ...refuse, path: '/fr' }, false, 5);
    expect(other.timeline.map((event) => `${event.type}${'sameChoice' in event ? ' same' : ''}`)).toEqual([
      'evicted',
      'changed',
      'set',
      'changed same',
    ]);
  });

  it('reads a scan re-finding the consent cookie a record dropped to make room kept as found there, not as changed (re-review rrEv 2)', () => {
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, refuse, false, 1);
    site = evictedRecord(site, 2);
    recordCookieChange(site, refuse, false, 3, { found: true });
    // "changed" with found would say another expiry or flags; sameChoice is only on a "changed".
    expect(site.timeline.at(-1)).toMatchObject({ type: 'set', found: true });
    expect(site.timeline.at(-1)).not.toHaveProperty('sameChoice');
  });

  it('judges a cookie of embedded content by the choices heard before its event, not by the clock', () => {
    const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, consent(platform({ functional_cookies: true, ga: true })), false, 3000);
    // Heard before the choice, told after it (its frame's request ended): the choice heard since does not judge it, whatever the clock said.
    recordCookieChange(site, disqus, false, 3100, { via: 'frame', choicesSince: 1 });
    expect(presentCookies(site).find((c) => c.name === 'disqus_unique')).toMatchObject({
      firstPhase: 'before-choice',
      setPhases: ['before-choice'],
    });
    // Shown where it was heard: before the choice.
    expect(site.timeline[0]).toMatchObject({ name: 'disqus_unique', at: 3100, phase: 'before-choice' });
    // Heard after it, the clock set back an hour in between (NTP, a machine resumed): after the choice.
    recordCookieChange(site, { ...disqus, name: 'later' }, false, 3000 - 3_600_000 + 5000, { via: 'frame', choicesSince: 0 });
    expect(site.timeline.at(-1)).toMatchObject({ name: 'later', phase: 'after-accept' });
    // Its order not known (a worker since stopped heard it): judged by the choice recorded at or before its time.
    recordCookieChange(site, { ...disqus, name: 'restored' }, false, 2900, { via: 'frame' });
    expect(site.timeline.at(-1)).toMatchObject({ name: 'restored', phase: 'before-choice' });
    recordCookieChange(site, { ...disqus, name: 'restored late' }, false, 3050, { via: 'frame' });
    expect(site.timeline.at(-1)).toMatchObject({ name: 'restored late', phase: 'after-accept' });
  });

  it('places a cookie of embedded content told late before the choices heard after its event, as it judges it', () => {
    const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1000);
    recordCookieChange(site, refuse, false, 3000);
    recordCookieChange(site, browserCookie({ name: 'between' }), false, 3500);
    recordCookieChange(site, accept, false, 4000);
    // Heard before both choices, told after them: its row goes before the first divider, not under the last one.
    recordCookieChange(site, disqus, false, 2000, { via: 'frame', choicesSince: 2 });
    const names = () => site.timeline.map((event) => ('name' in event ? event.name : event.type));
    expect(names()).toEqual(['sessionid', 'disqus_unique', 'cookies_preferences', 'between', 'cookies_preferences']);
    expect(site.timeline[1]).toMatchObject({ at: 2000, phase: 'before-choice' });
    // The choices are read back as before: only its place moved.
    expect([2, 1, 0].map((since) => consentAt(site, since).state)).toEqual(['none', 'refused', 'accepted']);
    // Heard between the two choices: after the first, before the second.
    recordCookieChange(site, { ...disqus, name: 'middle' }, false, 3600, { via: 'frame', choicesSince: 1 });
    expect(names().slice(2)).toEqual(['cookies_preferences', 'between', 'middle', 'cookies_preferences']);
    // Judged by the refusal (written as flags: 'after-choice'), not by the acceptance after it.
    expect(site.timeline[4]).toMatchObject({ phase: 'after-choice' });
  });

  it('places a cookie told late first when the choices after its event are no longer all kept, and keeps the cap', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, refuse, false, 1);
    for (let i = 0; i < TIMELINE_LIMIT - 1; i++) recordCookieChange(site, browserCookie({ name: `c${i}` }), false, 2 + i);
    recordCookieChange(site, accept, false, 5000);
    expect(site.droppedEvents).toBe(1);
    // Three choices came after its event; the timeline keeps one: its place is the oldest kept, which the cap then drops.
    const late = browserCookie({ name: 'late', domain: '.disqus.com', hostOnly: false });
    recordCookieChange(site, late, false, 0, { via: 'frame', choicesSince: 3 });
    expect(site.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(site.droppedEvents).toBe(2);
    expect(site.timeline.some((event) => 'name' in event && event.name === 'late')).toBe(false);
    expect(site.timeline.at(-1)).toMatchObject({ name: 'cookies_preferences', at: 5000 });
    // Under the cap it stays, first.
    const short = emptySite('data.tco.re', '0');
    recordCookieChange(short, browserCookie(), false, 1);
    recordCookieChange(short, accept, false, 2);
    recordCookieChange(short, late, false, 0, { via: 'frame', choicesSince: 2 });
    expect(short.timeline.map((event) => ('name' in event ? event.name : event.type))).toEqual([
      'late',
      'sessionid',
      'cookies_preferences',
    ]);
  });

  it('never places a cookie told late before the marker of a record dropped to make room, so the choice kept still judges it (re-review rrTl 1)', () => {
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1000);
    recordCookieChange(site, accept, false, 1100);
    recordCookieChange(site, refuse, false, 2000);
    site = evictedRecord(site, 2500);
    // Heard before the refusal, told after the eviction: no choice after its event is kept.
    const youtube = (name: string) => browserCookie({ name, domain: '.youtube.com', hostOnly: false });
    recordCookieChange(site, youtube('VISITOR_INFO1_LIVE'), false, 1800, { via: 'response', choicesSince: 1 });
    recordCookieChange(site, accept, false, 3000);
    recordCookieChange(site, youtube('YSC'), false, 1500, { via: 'response', choicesSince: 2 });
    // Heard by a worker since stopped: judged by the clock.
    recordCookieChange(site, youtube('PREF'), false, 1600, { via: 'response' });
    expect(site.timeline.map((event) => ('name' in event ? event.name : event.type))).toEqual([
      'evicted',
      'YSC',
      'VISITOR_INFO1_LIVE',
      'cookies_preferences',
      'PREF',
    ]);
    // What came before the eviction is not known: the choice it kept stands in, never "no choice".
    expect(consentAt(site, 2).state).toBe('accepted');
    const phaseOf = (name: string) => Object.values(site.cookies).find((cookie) => cookie.name === name)?.firstPhase;
    expect(['YSC', 'PREF'].map(phaseOf)).toEqual(['after-accept', 'after-accept']);
  });

  it('tells the choice in force before the last choices the timeline recorded, by their order alone', () => {
    const site = emptySite('data.tco.re', '0');
    expect(consentAt(site, 0).state).toBe('none');
    expect(consentAt(site, 1).state).toBe('none');
    recordCookieChange(site, browserCookie(), false, 5);
    recordCookieChange(site, consent('refused'), false, 20);
    // The clock set back between the two choices: their order counts, not their times.
    recordCookieChange(site, consent(platform({ matomo: true })), false, 10);
    // Another site's consent cookie, told late, records no choice of this site's.
    recordCookieChange(site, { ...consent('accepted'), domain: 'widget.example.net' }, false, 15, { via: 'frame' });
    expect(site.timeline.at(-1)).not.toHaveProperty('consent');
    expect([3, 2, 1, 0].map((since) => consentAt(site, since).state)).toEqual(['none', 'none', 'refused', 'accepted']);
    expect(consentAt(site, 1).trackers).toEqual({});
    expect(consentAt(site, 0)).toBe(site.consent);
    // The record evicted: the choice in force then is kept on its marker, before the choices since.
    const evicted = evictedRecord(site, 30);
    recordCookieChange(evicted, consent('refused'), false, 40);
    expect(consentAt(evicted, 1)).toEqual({ state: 'accepted', trackers: { matomo: true } });
    // What came before it is not known, the current choice stands in; so on a marker of an earlier version.
    expect(consentAt(evicted, 2).state).toBe('refused');
    expect(consentAt(evicted, 0).state).toBe('refused');
    const earlier = structuredClone(evicted);
    delete (earlier.timeline[0] as { choiceKept?: unknown }).choiceKept;
    expect(consentAt(earlier, 1).state).toBe('refused');
  });

  it('marks an event of a cookie a scan found already there, and only that one', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1, { found: true });
    recordCookieChange(site, browserCookie({ name: 'heard' }), false, 2);
    expect(site.timeline.map((e) => ('found' in e ? e.found : false))).toEqual([true, false]);
  });

  it('goes back to "no choice" when the consent cookie is removed', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, accept, false, 1);
    recordCookieChange(site, accept, true, 2);
    expect(site.consent).toEqual({ state: 'none', changedAt: 2, trackers: {} });
  });

  it('keeps the choice while another consent cookie of the site holds one (another path or domain)', () => {
    const site = emptySite('data.tco.re', '0');
    const onParent = { ...accept, domain: '.tco.re', hostOnly: false };
    recordCookieChange(site, accept, false, 1);
    recordCookieChange(site, onParent, false, 2);
    recordCookieChange(site, onParent, true, 3);
    expect(site.consent.state).toBe('accepted');
    // The last one gone, the choice goes with it.
    recordCookieChange(site, accept, true, 4);
    expect(site.consent).toEqual({ state: 'none', changedAt: 4, trackers: {} });
  });

  describe('the choice left in force when one of two consent cookies goes (a reviewer’s case)', () => {
    const HOST = 'data.example-metropole.fr';
    const registry = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
    const T = 1_800_000_000_000;
    const choice = (ga: boolean, overrides: Partial<BrowserCookie> = {}) =>
      browserCookie({
        name: 'cookies_preferences',
        domain: HOST,
        httpOnly: false,
        value: platform({ functional_cookies: true, ga, timestamp: T }),
        ...overrides,
      });
    const parentDomain = { domain: '.example-metropole.fr', hostOnly: false };

    it.each([
      ['on the parent domain', parentDomain],
      ['on another path', { path: '/explore/' }],
    ])('is the remaining cookie’s, not the removed one’s (the other one %s)', (_, other) => {
      const site = emptySite(HOST, '0');
      recordCookieChange(site, choice(false), false, T + 1000); // the portal's own: GA refused
      recordCookieChange(site, choice(true, other), false, T + 2000); // another one: GA accepted
      recordCookieChange(site, choice(true, other), true, T + 3000); // that one removed
      expect(site.consent).toEqual({ state: 'refused', changedAt: T, trackers: { ga: false } });
      // The removal's event records the choice it leaves (consentAt reads the events back).
      expect(site.timeline.at(-1)).toMatchObject({ type: 'removed', consent: { state: 'refused', trackers: { ga: false } } });
      recordCookieChange(site, browserCookie({ name: '_ga', domain: HOST }), false, T + 4000);
      const kinds = buildReport(site, registry, T + 5000).findings.map((finding) => `${finding.kind} ${finding.cookie}`);
      expect(kinds).toContain('after-refusal _ga');
    });

    it('stays when a cookie whose choice is not the one in force goes, and goes back to the one written last before it', () => {
      const site = emptySite(HOST, '0');
      const onPath = { path: '/explore/' };
      recordCookieChange(site, choice(false), false, T + 1000);
      recordCookieChange(site, choice(true, parentDomain), false, T + 2000);
      recordCookieChange(site, choice(false, onPath), false, T + 3000);
      // The first written goes: the one in force (the last written) stays.
      recordCookieChange(site, choice(false), true, T + 4000);
      expect(site.consent.trackers).toEqual({ ga: false });
      // The last written goes: the one written before it is in force again, rewritten or not.
      recordCookieChange(site, choice(false, onPath), true, T + 5000);
      expect(site.consent.trackers).toEqual({ ga: true });
      // The last one gone, no choice.
      recordCookieChange(site, choice(true, parentDomain), true, T + 6000);
      expect(site.consent).toEqual({ state: 'none', changedAt: T + 6000, trackers: {} });
    });

    it('holds the choices as stored and read back, never a value; a record of an earlier version keeps the choice in force', () => {
      let site = emptySite(HOST, '0');
      recordCookieChange(site, choice(false), false, T + 1000);
      recordCookieChange(site, choice(true, parentDomain), false, T + 2000);
      const text = JSON.stringify(site);
      expect(text).not.toContain(choice(true).value);
      const earlier = JSON.parse(text) as SiteRecord;
      site = JSON.parse(text) as SiteRecord;
      recordCookieChange(site, choice(true, parentDomain), true, T + 3000);
      expect(site.consent.trackers).toEqual({ ga: false });
      // Written before the record kept them: the choice stands, as it did then.
      delete earlier.heldChoices;
      recordCookieChange(earlier, choice(true, parentDomain), true, T + 3000);
      expect(earlier.consent.trackers).toEqual({ ga: true });
    });

    it('goes back to the remaining cookie’s in a record dropped to make room', () => {
      let site = emptySite(HOST, '0');
      recordCookieChange(site, choice(false), false, T + 1000);
      recordCookieChange(site, choice(true, parentDomain), false, T + 2000);
      site = evictedRecord(site, T + 2500);
      expect(recordCookieChange(site, choice(true, parentDomain), true, T + 3000)).toBe(site);
      expect(site.consent.trackers).toEqual({ ga: false });
      // The remaining one goes too: no choice.
      expect(recordCookieChange(site, choice(false), true, T + 4000)).toBe(site);
      expect(site.consent.state).toBe('none');
      // Each removal that changed the choice is in the timeline with the choice it left, as in a record kept whole (re-review rrB 2).
      const removals = site.timeline.filter((event) => event.type === 'removed');
      expect(removals).toMatchObject([
        { at: T + 3000, name: 'cookies_preferences', consent: { state: 'refused', trackers: { ga: false } } },
        { at: T + 4000, name: 'cookies_preferences', consent: { state: 'none', trackers: {} } },
      ]);
      expect(consentAt(site, 1)).toMatchObject({ state: 'refused' });
    });
  });

  it('takes the choice away when its cookie is removed after the record was dropped to make room (the record no longer knows the cookie)', () => {
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, accept, false, 1);
    site = evictedRecord(site, 10);
    expect(site.consent.state).toBe('accepted');
    expect(recordCookieChange(site, accept, true, 20)).toBe(site);
    expect(site.consent).toEqual({ state: 'none', changedAt: 20, trackers: {} });
    // A cookie set afterwards is set before any choice.
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.ab' }), false, 30);
    expect(presentCookies(site).find((c) => c.name === '_pk_id.1.ab')).toMatchObject({ setPhases: ['before-choice'] });
    // Nothing to take away: an unknown cookie's removal changes nothing.
    expect(recordCookieChange(site, accept, true, 40)).toBeNull();
  });

  it('keeps the choice of a record dropped to make room when a consent cookie holding another choice goes (another site’s, on the parent domain)', () => {
    const T = 1764460800000;
    const chosen = (timestamp: number) => encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp }));
    const own = consent(chosen(T));
    const citys = { ...consent(chosen(T + 60_000)), domain: '.tco.re', hostOnly: false };
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, own, false, T + 1);
    site = evictedRecord(site, T + 10);
    expect(recordCookieChange(site, citys, true, T + 70_000)).toBeNull();
    expect(site.consent).toMatchObject({ state: 'accepted', changedAt: T });
    // Nor a choice of another shape (no time in it) and other flags: not the same choice.
    expect(
      recordCookieChange(site, { ...citys, value: encodeURIComponent(JSON.stringify({ matomo: true })) }, true, T + 80_000),
    ).toBeNull();
    // Its own cookie going takes it away.
    expect(recordCookieChange(site, own, true, T + 90_000)).toBe(site);
    expect(site.consent).toEqual({ state: 'none', changedAt: T + 90_000, trackers: {} });
  });

  it('takes the choice of a record dropped to make room away when its cookie goes, whatever time the cookie says (a reviewer’s case: over a day ahead when set)', () => {
    const T = 1764460800000;
    const ahead = consent(encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: true, timestamp: T + 2 * 86_400_000 })));
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, ahead, false, T);
    expect(site.consent).toMatchObject({ state: 'accepted', changedAt: T });
    site = evictedRecord(site, T + 1);
    expect(site.choiceHeldBy).toHaveLength(1);
    expect(recordCookieChange(site, ahead, true, T + 3 * 86_400_000)).toBe(site);
    expect(site.consent.state).toBe('none');
    expect(site.choiceHeldBy).toEqual([]);
  });

  it('marks another choice written over a consent cookie a record dropped to make room kept as a change, not a choice made (re-review rrTl2 2)', () => {
    const flags = (choice: Record<string, boolean>, path = '/') => ({ ...consent(platform(choice)), path });
    // Another tracker's flag over the one holder kept: changed, not saved again.
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, flags({ ga: true, matomo: true }), false, 1);
    site = evictedRecord(site, 2);
    recordCookieChange(site, flags({ ga: true, matomo: false }), false, 3);
    expect(site.timeline.at(-1)).toMatchObject({ type: 'changed' });
    expect(site.timeline.at(-1)).not.toHaveProperty('sameChoice');
    // Two holders kept (/explore refused, then / accepted, in force): / written refused is a change too.
    let two = emptySite('data.tco.re', '0');
    recordCookieChange(two, flags({ ga: false }, '/explore'), false, 1);
    recordCookieChange(two, flags({ ga: true }), false, 2);
    two = evictedRecord(two, 3);
    recordCookieChange(two, flags({ ga: false }), false, 4);
    expect(two.timeline.at(-1)).toMatchObject({ type: 'changed', consent: { state: 'refused' } });
    // A holder removed since, written again, is a choice made.
    recordCookieChange(two, flags({ ga: false }, '/explore'), true, 5);
    recordCookieChange(two, flags({ ga: false }, '/explore'), false, 6);
    expect(two.timeline.at(-1)).toMatchObject({ type: 'set' });
  });

  it('keeps the choice of a record dropped to make room while another consent cookie that held it then is not known gone', () => {
    const own = consent(encodeURIComponent(JSON.stringify({ ga: true })));
    const onParent = { ...own, domain: '.tco.re', hostOnly: false };
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, own, false, 1);
    recordCookieChange(site, onParent, false, 2);
    site = evictedRecord(site, 3);
    expect(site.choiceHeldBy).toHaveLength(2);
    expect(recordCookieChange(site, own, true, 4)).toBe(site);
    expect(site.consent.state).toBe('accepted');
    expect(recordCookieChange(site, onParent, true, 5)).toBe(site);
    expect(site.consent).toEqual({ state: 'none', changedAt: 5, trackers: {} });
  });

  it('takes the choice away when its cookie goes after the record was dropped twice, or after cookies were trimmed to fit (reviewers’ cases)', () => {
    const own = consent(encodeURIComponent(JSON.stringify({ ga: true })));
    // Dropped, a tracker recorded before any scan, dropped again: the first drop's key is kept.
    let twice = emptySite('data.tco.re', '0');
    recordCookieChange(twice, own, false, 1);
    twice = evictedRecord(twice, 2);
    recordCookieChange(twice, browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false }), false, 3);
    twice = evictedRecord(twice, 4);
    expect(twice.choiceHeldBy).toHaveLength(1);
    expect(recordCookieChange(twice, own, true, 5)).toBe(twice);
    expect(twice.consent.state).toBe('none');
    // Many cookies trimmed to fit, then dropped: the consent cookie was kept, the city's removal leaves the choice.
    const T = 1764460800000;
    const chosen = (timestamp: number) => consent(encodeURIComponent(JSON.stringify({ ga: true, timestamp })));
    let trimmed = emptySite('data.tco.re', '0');
    recordCookieChange(trimmed, chosen(T), false, T + 1);
    for (let i = 0; i < 50; i++) recordCookieChange(trimmed, browserCookie({ name: `c${i}` }), false, T + 2 + i);
    fitRecord(trimmed, 'k', 2000);
    expect(trimmed.droppedCookies).toBeGreaterThan(0);
    expect(presentCookies(trimmed).some((c) => c.name === own.name)).toBe(true);
    trimmed = evictedRecord(trimmed, T + 100);
    expect(trimmed.choiceHeldBy).toHaveLength(1);
    expect(recordCookieChange(trimmed, { ...chosen(T + 60_000), domain: '.tco.re', hostOnly: false }, true, T + 101)).toBeNull();
    expect(recordCookieChange(trimmed, chosen(T), true, T + 102)).toBe(trimmed);
    expect(trimmed.consent.state).toBe('none');
  });

  it('never takes a consent cookie partitioned under another site as the site’s choice (a choice made in a frame of the portal that site embeds)', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, refuse, false, 1);
    const inFrame = { ...accept, partitionKey: { topLevelSite: 'https://reunion.fr' } };
    recordCookieChange(site, inFrame, false, 2);
    expect(site.consent.state).toBe('refused');
    // Its event records no choice of the site's (consentAt reads those back).
    expect(site.timeline.at(-1)).toMatchObject({ name: 'cookies_preferences', type: 'set' });
    expect(site.timeline.at(-1)).not.toHaveProperty('consent');
    recordCookieChange(site, inFrame, true, 3);
    expect(site.consent.state).toBe('refused');
    // Partitioned under the site itself (Chrome's CHIPS on the portal's own pages): its choice.
    recordCookieChange(site, { ...accept, partitionKey: { topLevelSite: 'https://tco.re' } }, false, 4);
    expect(site.consent.state).toBe('accepted');
  });

  it('never takes a consent cookie isolated under another first party as the site’s choice (Firefox’s first-party isolation: a frame of the portal in that site’s page)', () => {
    const site = emptySite('demo.huwise.com', '0');
    const own = { ...refuse, domain: 'demo.huwise.com', firstPartyDomain: 'huwise.com' };
    const inFrame = { ...accept, domain: 'demo.huwise.com', firstPartyDomain: 'example.net' };
    recordCookieChange(site, own, false, 1);
    recordCookieChange(site, inFrame, false, 2);
    expect(site.consent.state).toBe('refused');
    expect(site.timeline.at(-1)).not.toHaveProperty('consent');
    // The frame deletes its copy: the site's own, another cookie, holds the refusal still.
    recordCookieChange(site, inFrame, true, 3);
    expect(site.consent.state).toBe('refused');
    expect(presentCookies(site).map((c) => `${c.name} ${c.firstPartyDomain}`)).toEqual(['cookies_preferences huwise.com']);
    // Under the site's own first party, as use_site names it too: its choice, which stands while one of its own holds it.
    recordCookieChange(site, { ...accept, domain: 'demo.huwise.com', firstPartyDomain: '(http,huwise.com)' }, false, 4);
    expect(site.consent.state).toBe('accepted');
    recordCookieChange(site, own, true, 5);
    expect(site.consent.state).toBe('accepted');
  });

  it('never keeps the consent cookie value, only the choice read from it', () => {
    const site = emptySite('data.tco.re', '0');
    const value = encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, visitor: 'SECRET-ID', timestamp: 1 }));
    recordCookieChange(site, consent(value), false, 1);
    expect(site.consent).toEqual({ state: 'accepted', changedAt: 1, trackers: { matomo: true } });
    const kept = JSON.stringify(site);
    expect(kept).not.toContain('SECRET');
    expect(kept).not.toContain(value);
    expect(kept).not.toContain('functional_cookies');
  });

  it('takes the moment of the choice from the platform’s timestamp, when it is plausible', () => {
    const now = 1_764_460_800_000;
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, consent(platform({ functional_cookies: true, matomo: false, timestamp: now - 60_000 })), false, now);
    expect(site.consent).toEqual({ state: 'refused', changedAt: now - 60_000, trackers: { matomo: false } });
    recordCookieChange(site, consent(platform({ functional_cookies: true, matomo: false, timestamp: 12 })), false, now + 5);
    expect(site.consent.changedAt).toBe(now + 5);
  });

  it('judges each cookie by its own tracker’s flag after a mixed choice', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1);
    recordCookieChange(site, consent(platform({ functional_cookies: true, ga: false, matomo: true, timestamp: 2 })), false, 2);
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.ab' }), false, 3);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.tco.re' }), false, 4);
    recordCookieChange(site, browserCookie({ name: '_ga_ABC123', domain: '.tco.re' }), false, 5);
    recordCookieChange(site, browserCookie({ name: 'widget' }), false, 6);
    recordCookieChange(site, browserCookie(), false, 7);
    expect(site.timeline.map((e) => ('phase' in e ? `${e.name} ${e.phase}` : e.type))).toEqual([
      'sessionid before-choice',
      'cookies_preferences after-choice',
      '_pk_id.1.ab after-accept',
      '_ga after-refuse',
      '_ga_ABC123 after-refuse',
      'widget after-choice',
      'sessionid after-choice',
    ]);
    const byName = Object.fromEntries(presentCookies(site).map((c) => [c.name, c]));
    expect(byName._ga).toMatchObject({ firstPhase: 'after-refuse', setPhases: ['after-refuse'], refusedBy: ['ga'] });
    expect(byName['_pk_id.1.ab']!.refusedBy).toBeUndefined();
    expect(byName.widget!.refusedBy).toBeUndefined();
  });

  it('remembers every refused flag a cookie was set against, once each', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, consent(platform({ xiti: false, ga: true })), false, 1);
    recordCookieChange(site, browserCookie({ name: 'atuserid' }), false, 2);
    recordCookieChange(site, consent(platform({ xiti: false, at: false, ga: true })), false, 3);
    recordCookieChange(site, browserCookie({ name: 'atuserid' }), false, 4);
    recordCookieChange(site, browserCookie({ name: 'atuserid' }), false, 5);
    expect(presentCookies(site).find((c) => c.name === 'atuserid')!.refusedBy).toEqual(['xiti', 'at']);
  });

  it('keeps the last TIMELINE_LIMIT events and counts the dropped ones', () => {
    const site: SiteRecord = emptySite('data.tco.re', '0');
    for (let i = 0; i < TIMELINE_LIMIT + 25; i++) recordCookieChange(site, browserCookie({ name: `c${i}` }), false, i);
    expect(site.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(site.droppedEvents).toBe(25);
    expect(site.timeline[0]).toMatchObject({ name: 'c25' });
  });

  it('lists present cookies by name, then domain', () => {
    const site = emptySite('data.tco.re', '0');
    for (const [name, domain] of [
      ['csrftoken', 'data.tco.re'],
      ['_ga', '.tco.re'],
      ['csrftoken', '.tco.re'],
    ] as const) {
      recordCookieChange(site, browserCookie({ name, domain }), false, 1);
    }
    expect(presentCookies(site).map((c) => `${c.name}@${c.domain}`)).toEqual(['_ga@.tco.re', 'csrftoken@.tco.re', 'csrftoken@data.tco.re']);
  });
});

describe('hostile volume', () => {
  it('takes 200,000 events one at a time, never spreading them into a call', () => {
    const site = emptySite('data.tco.re', '0');
    for (let i = 0; i < 200_000; i++) appendTimeline(site, { type: 'worker-restart', at: i });
    expect(site.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(site.droppedEvents).toBe(200_000 - TIMELINE_LIMIT);
    expect(site.timeline[0]).toEqual({ type: 'worker-restart', at: 200_000 - TIMELINE_LIMIT });
  });

  it('records a cookie whose name and domain are a megabyte long', () => {
    const name = '\u202e<b>'.repeat(250_000);
    const site = recordCookieChange(emptySite('data.tco.re', '0'), browserCookie({ name, domain: 'data.tco.re' }), false, 1)!;
    expect(presentCookies(site)[0]?.name).toBe(name);
  });
});

describe('eviction', () => {
  it('leaves the consent state and a marker counting what was lost', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, accept, false, 1);
    recordCookieChange(site, browserCookie({ name: '_pk_id.1' }), false, 2);
    appendTimeline(site, { type: 'worker-restart', at: 3 });
    expect(lastActivity(site)).toBe(2);
    const stub = evictedRecord(site, 10);
    expect(stub).toMatchObject({
      host: 'data.tco.re',
      storeId: '0',
      cookies: {},
      consent: { state: 'accepted', changedAt: 1 },
      droppedEvents: 0,
    });
    // The choice in force, state and flags only (no value, no time).
    expect(stub.timeline).toEqual([
      { type: 'evicted', at: 10, cookies: 2, events: 2, choiceKept: { state: 'accepted', trackers: { matomo: true } } },
    ]);
    expect(isEvicted(stub)).toBe(true);
    expect(isEvicted(site)).toBe(false);
    expect(lastActivity(stub)).toBe(0);
  });
});

describe('recordFoundWrite', () => {
  const found = browserCookie({ name: '_pk_id.1.abcd', httpOnly: false });
  const other = browserCookie({ name: 'csrftoken' });
  const shown = (site: SiteRecord) =>
    site.timeline.map((e) => ('name' in e ? `${e.type} ${e.name} ${e.phase}${e.found ? ' found' : ''} @${e.at}` : e.type));

  it('turns the scan’s entry of a cookie it found new into the write’s set, in its phase, in place and at the scan’s time', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, other, false, 1);
    recordCookieChange(site, found, false, 2, { found: true });
    recordCookieChange(site, browserCookie({ name: 'sessionid' }), false, 2, { found: true });
    expect(recordFoundWrite(site, found, 30, { page: '/' })).toBe(site);
    expect(shown(site)).toEqual(['set csrftoken before-choice @1', 'set _pk_id.1.abcd before-choice @2', 'set sessionid unknown found @2']);
    expect(site.cookies[Object.keys(site.cookies).find((key) => site.cookies[key]!.name === found.name)!]).toMatchObject({
      firstSeen: 2,
      firstPhase: 'before-choice',
      setPhases: ['before-choice'],
      firstPage: '/',
    });
  });

  it('a choice found by the scan keeps its time: what was set after it is judged by it', () => {
    const site = emptySite('data.tco.re', '0');
    const accepted = consent(platform({ functional_cookies: true, matomo: true }));
    recordCookieChange(site, accepted, false, 20, { found: true });
    recordCookieChange(site, browserCookie({ name: 'disqus_unique', domain: '.disqus.com' }), false, 22, { via: 'frame' });
    recordFoundWrite(site, accepted, 25);
    expect(shown(site)).toEqual(['set cookies_preferences after-accept @20', 'set disqus_unique after-accept @22']);
    expect(consentAt(site, 0).state).toBe('accepted');
  });

  it('tells namesakes on two paths apart by the time each was found', () => {
    const site = emptySite('data.tco.re', '0');
    const root = browserCookie({ name: 'pref', path: '/' });
    const explore = browserCookie({ name: 'pref', path: '/explore' });
    recordCookieChange(site, root, false, 20, { found: true });
    recordCookieChange(site, explore, false, 21, { found: true });
    recordFoundWrite(site, root, 22);
    recordFoundWrite(site, explore, 23);
    expect(shown(site)).toEqual(['set pref before-choice @20', 'set pref before-choice @21']);
    expect(Object.values(site.cookies).map((c) => `${c.path} ${c.firstSeen}`)).toEqual(['/ 20', '/explore 21']);
  });

  it('changes nothing when the record holds more of the cookie: an event since, a phase, no found entry', () => {
    const changed = emptySite('data.tco.re', '0');
    recordCookieChange(changed, found, false, 2, { found: true });
    recordCookieChange(changed, found, false, 3, { originUnknown: true });
    const seen = emptySite('data.tco.re', '0');
    recordCookieChange(seen, found, false, 2);
    const trimmed = emptySite('data.tco.re', '0');
    recordCookieChange(trimmed, found, false, 2, { found: true });
    trimmed.timeline = [];
    const namesake = emptySite('data.tco.re', '0');
    recordCookieChange(namesake, found, false, 2, { found: true });
    recordCookieChange(namesake, { ...found, path: '/explore' }, false, 3);
    for (const site of [changed, seen, trimmed, namesake, emptySite('data.tco.re', '0')]) {
      const before = structuredClone(site);
      expect(recordFoundWrite(site, found, 30)).toBeNull();
      expect(site).toEqual(before);
    }
  });
});

describe('notePageLoaded', () => {
  it('keeps each page a tab of the site loaded once, in the order first loaded, from an empty record on', () => {
    const site = emptySite('data.tco.re', '0');
    expect(site.pages).toEqual([]);
    expect(notePageLoaded(site, '/')).toBe(true);
    expect(notePageLoaded(site, '/explore/dataset/demo/')).toBe(true);
    expect(notePageLoaded(site, '/')).toBe(false);
    expect(site.pages).toEqual(['/', '/explore/dataset/demo/']);
  });

  it('gives up the list, for "not known", once its paths would pass PAGES_LIMIT_CHARS: a shortened list would leave pages out', () => {
    const site = emptySite('data.tco.re', '0');
    const path = (i: number) => `/explore/dataset/${String(i).padStart(4, '0')}/`.padEnd(100, 'x');
    for (let i = 0; i < PAGES_LIMIT_CHARS / 100; i++) expect(notePageLoaded(site, path(i))).toBe(true);
    // Exactly at the limit: all kept.
    expect(site.pages).toHaveLength(PAGES_LIMIT_CHARS / 100);
    expect(notePageLoaded(site, '/')).toBe(true);
    expect(site.pages).toBeNull();
    // Not known stays not known.
    expect(notePageLoaded(site, '/other/')).toBe(false);
    expect(site.pages).toBeNull();
    // One path past the limit alone.
    const long = emptySite('data.tco.re', '0');
    notePageLoaded(long, `/${'a'.repeat(PAGES_LIMIT_CHARS)}`);
    expect(long.pages).toBeNull();
  });

  it('notes nothing in a record whose pages are not known: dropped to make room, or of an earlier version', () => {
    const site = emptySite('data.tco.re', '0');
    notePageLoaded(site, '/');
    const stub = evictedRecord(site, 10);
    expect(stub.pages).toBeNull();
    expect(notePageLoaded(stub, '/explore/')).toBe(false);
    const older: SiteRecord = { ...emptySite('data.tco.re', '0'), pages: undefined };
    expect(notePageLoaded(older, '/')).toBe(false);
    expect(older.pages).toBeUndefined();
  });
});

describe('notePageOfResponse', () => {
  const site = () => {
    const record = emptySite('data.tco.re', '0');
    // Firefox reported these before the page's request: no page known yet.
    recordCookieChange(record, browserCookie({ name: 'sessionid' }), false, 1000);
    recordCookieChange(record, browserCookie({ name: 'csrftoken' }), false, 1000, { page: '/explore/' });
    return record;
  };

  it('gives a cookie recorded without a page the page of the response that set it', () => {
    const record = site();
    expect(notePageOfResponse(record, ['sessionid', 'csrftoken'], '/', 1500)).toBe(true);
    expect(presentCookies(record).map((c) => `${c.name} ${c.firstPage}`)).toEqual(['csrftoken /explore/', 'sessionid /']);
  });

  it('leaves alone other names, old cookies, cookies found already there and removed ones', () => {
    const record = site();
    expect(notePageOfResponse(record, ['other'], '/', 1500)).toBe(false);
    expect(notePageOfResponse(record, ['sessionid'], '/', 1000 + PAGE_EVIDENCE_MS + 1)).toBe(false);
    const found = emptySite('data.tco.re', '0');
    recordCookieChange(found, browserCookie({ name: 'cookies_preferences', value: encodeURIComponent('{"matomo":false}') }), false, 900);
    recordCookieChange(found, browserCookie({ name: 'late' }), false, 1000, { found: true });
    expect(notePageOfResponse(found, ['late'], '/', 1001)).toBe(false);
    const removed = site();
    recordCookieChange(removed, browserCookie({ name: 'sessionid' }), true, 1100);
    expect(notePageOfResponse(removed, ['sessionid'], '/', 1200)).toBe(false);
  });

  it('counts the response within PAGE_EVIDENCE_MS of the cookie either way of the clock', () => {
    const T = 1_780_000_000_000;
    const record = emptySite('data.tco.re', '0');
    recordCookieChange(record, browserCookie({ name: 'sessionid' }), false, T);
    // 30 minutes later the clock steps back an hour (NTP, a machine resumed): that response is not the one that set it.
    expect(notePageOfResponse(record, ['sessionid'], '/other/', T + 30 * 60_000 - 3_600_000)).toBe(false);
    expect(presentCookies(record)[0]!.firstPage).toBeNull();
    // One dated moments before it (the clock set back a few seconds meanwhile) still is.
    expect(notePageOfResponse(record, ['sessionid'], '/', T - 3000)).toBe(true);
    expect(presentCookies(record)[0]!.firstPage).toBe('/');
  });
});

describe('a cookie of unknown origin (a parent domain other open sites share)', () => {
  const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false });
  const refused = consent(platform({ ga: false }));

  it('keeps its event in the timeline but no phase, page or refusal against the site', () => {
    const site = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(site, refused, false, 1);
    recordCookieChange(site, ga, false, 2, { page: '/', originUnknown: true });
    const [cookie] = presentCookies(site).filter((c) => c.name === '_ga');
    expect(cookie).toMatchObject({ firstPhase: 'after-refuse', setPhases: [], firstPage: null });
    expect(cookie!.originUnknown).toEqual({ phase: 'after-refuse', refused: ['ga'] });
    expect(cookie!.refusedBy).toBeUndefined();
    expect(site.timeline.at(-1)).toMatchObject({ name: '_ga', phase: 'after-refuse' });
    // A cookie already the site's gains no phase from such an event.
    const own = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(own, ga, false, 1);
    recordCookieChange(own, refused, false, 2);
    recordCookieChange(own, ga, false, 3, { originUnknown: true });
    expect(presentCookies(own).find((c) => c.name === '_ga')).toMatchObject({ setPhases: ['before-choice'] });
    expect(presentCookies(own).find((c) => c.name === '_ga')!.originUnknown).toBeUndefined();
  });

  describe('written again on a cookie already the site’s', () => {
    const accepted = consent(platform({ ga: true }));
    /** The portal's `_ga` lives 390 days, the city's 760 (expiry in seconds; `now` in ms stays near 0). */
    const ownGa = { ...ga, expirationDate: 390 * 86_400 };
    const citysGa = { ...ga, expirationDate: 760 * 86_400 };
    /** The charter's row for `_ga`: statistics, 13 months. */
    const declared = declaredStatistics('Google');
    const findings = (site: SiteRecord) =>
      findingsFor(
        site,
        Object.values(site.cookies)
          .filter((cookie) => cookie.name === '_ga')
          .map((cookie) => ({ cookie, match: declared })),
        [],
      ).map((finding) => `${finding.kind} ${finding.severity}: ${finding.evidence}`);
    const gaOf = (site: SiteRecord) => Object.values(site.cookies).find((cookie) => cookie.name === '_ga')!;
    /** The portal set its `_ga` after an acceptance, the visitor refused, and the portal removed it. */
    const removedAfterRefusal = () => {
      const site = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(site, accepted, false, 1);
      recordCookieChange(site, ownGa, false, 1000);
      recordCookieChange(site, refused, false, 2000);
      recordCookieChange(site, ownGa, true, 3000);
      return site;
    };

    it('by another open site, maybe: its lifetime stays the site’s, and one it removed is not kept by it (reviewer’s cases A and E)', () => {
      // A: the city's tab rewrites the portal's 13-month _ga for 25 months.
      const kept = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(kept, accepted, false, 1);
      recordCookieChange(kept, ownGa, false, 1000);
      recordCookieChange(kept, citysGa, false, 2000, { originUnknown: true });
      expect(gaOf(kept)).toMatchObject({ expires: 390 * 86_400, lastChanged: 1000, removed: null, setPhases: ['after-accept'] });
      expect(findings(kept)).toEqual([]);
      // E: the portal removed its _ga after a refusal; the city's tab writes it again. It is there (its
      // pages are sent it), with its event, but the portal did not keep it.
      const removed = removedAfterRefusal();
      recordCookieChange(removed, citysGa, false, 4000, { originUnknown: true });
      expect(gaOf(removed)).toMatchObject({ removed: null, lastChanged: 1000, setPhases: ['after-accept'] });
      expect(gaOf(removed).originUnknown).toBeUndefined();
      expect(removed.timeline.at(-1)).toMatchObject({ type: 'set', name: '_ga', phase: 'after-refuse', at: 4000 });
      expect(findings(removed)).toEqual([]);
    });

    it('by another open site, maybe, before a later refusal: the site keeping it then is kept after that refusal (re-review’s K and K3)', () => {
      // K: removed after the first refusal, written again from the city's tab; the visitor accepts, the
      // portal's GA writes it (the city's tab still open), the visitor refuses again, and the portal keeps it.
      const site = removedAfterRefusal();
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      recordCookieChange(site, accepted, false, 5000);
      recordCookieChange(site, ownGa, false, 5100, { originUnknown: true });
      recordCookieChange(site, refused, false, 6000);
      expect(findings(site)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
      // K3: removed by the browser while accepted, written again, then refused: the portal keeps it.
      const expired = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(expired, accepted, false, 1);
      recordCookieChange(expired, ownGa, false, 1000);
      recordCookieChange(expired, ownGa, true, 2000, { byBrowser: true });
      recordCookieChange(expired, citysGa, false, 3000, { originUnknown: true });
      recordCookieChange(expired, refused, false, 4000);
      expect(findings(expired)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
    });

    it('by another open site, maybe, after the site removed it: the same refusal saved again keeps it not kept by the site (re-review’s E1)', () => {
      const site = removedAfterRefusal();
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      // The banner saves the same refusal again (no timestamp: its time is when it is heard).
      recordCookieChange(site, refused, false, 5000);
      expect(findings(site)).toEqual([]);
    });

    it('by another open site, maybe, after the site removed it: the same refusal removed, then saved again, keeps it not kept by the site', () => {
      // The banner deletes its cookie before writing the same choice: the choice lapsed a moment, and is the same.
      const site = removedAfterRefusal();
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      recordCookieChange(site, refused, true, 5000);
      recordCookieChange(site, refused, false, 5001);
      expect(findings(site)).toEqual([]);
      // Removed, then another choice saved (an acceptance), then the refusal again: the site keeps it after that refusal.
      const changed = removedAfterRefusal();
      recordCookieChange(changed, citysGa, false, 4000, { originUnknown: true });
      recordCookieChange(changed, refused, true, 5000);
      recordCookieChange(changed, accepted, false, 5001);
      expect(findings(changed)).toEqual([]);
      recordCookieChange(changed, refused, false, 6000);
      expect(findings(changed)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
      // The consent cookie expired (the browser removed it), then the same refusal: asked anew, the site keeps it (a review's note).
      const expired = removedAfterRefusal();
      recordCookieChange(expired, citysGa, false, 4000, { originUnknown: true });
      recordCookieChange(expired, refused, true, 5000, { byBrowser: true });
      recordCookieChange(expired, refused, false, 6000);
      expect(findings(expired)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
    });

    it.each([
      ['on another path', { path: '/explore/' }],
      ['on the parent domain', { domain: '.opendatasoft.com', hostOnly: false }],
    ])(
      'by another open site, maybe, after the site removed it: the same refusal removed and saved again, an older acceptance %s put back meanwhile, is no other choice (re-review rrB 1)',
      (_, other) => {
        const site = emptySite('itie.opendatasoft.com', '0');
        recordCookieChange(site, { ...accepted, ...other }, false, 1); // an older acceptance, in another copy
        recordCookieChange(site, ownGa, false, 1000);
        recordCookieChange(site, refused, false, 2000); // the refusal, in force
        recordCookieChange(site, ownGa, true, 3000); // the portal removes its _ga
        recordCookieChange(site, citysGa, false, 4000, { originUnknown: true }); // the city's tab writes _ga
        expect(findings(site)).toEqual([]);
        // The banner deletes its cookie (the acceptance is in force for 1 ms) and writes the same refusal.
        // An entry kept outside the record (recorder.ts) is told the same, before the record is.
        const apart = structuredClone(gaOf(site));
        for (const [removed, at] of [
          [true, 5000],
          [false, 5001],
        ] as const) {
          forgetSiteRemovalsApart(site, refused, removed, at, {}, [apart]);
          recordCookieChange(site, refused, removed, at);
        }
        expect(site.consent.state).toBe('refused');
        expect(findings(site)).toEqual([]);
        expect(apart.unclaimedWrite).toMatchObject({ siteRemoved: 3000 });
      },
    );

    it('by another open site, maybe, after the site removed it: a refusal back in force as another consent cookie goes is no choice saved (the site’s removal stands)', () => {
      const site = emptySite('itie.opendatasoft.com', '0');
      const acceptedOnPath = { ...accepted, path: '/explore/' };
      recordCookieChange(site, refused, false, 1);
      recordCookieChange(site, acceptedOnPath, false, 2);
      recordCookieChange(site, ownGa, false, 1000);
      recordCookieChange(site, ownGa, true, 2000);
      recordCookieChange(site, citysGa, false, 3000, { originUnknown: true });
      expect(findings(site)).toEqual([]);
      // The acceptance's cookie goes: the refusal is in force again, but no choice was saved (a
      // banner deleting its cookie before writing it puts the other one's back for a moment).
      const apart = structuredClone(gaOf(site));
      forgetSiteRemovalsApart(site, acceptedOnPath, true, 4000, {}, [apart]);
      recordCookieChange(site, acceptedOnPath, true, 4000);
      expect(site.consent.state).toBe('refused');
      expect(findings(site)).toEqual([]);
      expect(apart.unclaimedWrite).toMatchObject({ siteRemoved: 2000 });
      // A choice saved that judges _ga otherwise than the one the acceptance's removal left does forget it.
      recordCookieChange(site, acceptedOnPath, false, 5000);
      recordCookieChange(site, refused, false, 6000);
      expect(findings(site)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
    });

    it.each([
      ['removed by a page', {}],
      ['expired', { byBrowser: true }],
    ])(
      'by another open site, maybe, after the site removed it: the refusal %s, an older acceptance put back, then the same refusal saved, is no other choice (re-review rrB2 1)',
      (_, how) => {
        const site = emptySite('itie.opendatasoft.com', '0');
        recordCookieChange(site, { ...accepted, path: '/explore/' }, false, 1); // an older acceptance, in another copy
        recordCookieChange(site, ownGa, false, 1000);
        recordCookieChange(site, refused, false, 2000);
        recordCookieChange(site, ownGa, true, 3000);
        recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
        recordCookieChange(site, refused, true, 5000, how); // the acceptance is put back
        expect(site.consent.state).toBe('accepted');
        recordCookieChange(site, refused, false, 6000);
        expect(findings(site)).toEqual([]);
      },
    );

    it.each([
      ['removed by a page', {}],
      ['expired', { byBrowser: true }],
    ])(
      'by another open site, maybe, after the site removed it: the acceptance %s, an older refusal put back, then a refusal saved, reads it kept (re-review rrB2 1)',
      (_, how) => {
        const site = emptySite('itie.opendatasoft.com', '0');
        const refusedOnPath = { ...refused, path: '/explore/' };
        recordCookieChange(site, refusedOnPath, false, 1000); // an older refusal, in another copy
        recordCookieChange(site, accepted, false, 2000); // the acceptance, in force
        recordCookieChange(site, ownGa, false, 3000);
        recordCookieChange(site, ownGa, true, 4000);
        recordCookieChange(site, citysGa, false, 5000, { originUnknown: true });
        recordCookieChange(site, accepted, true, 6000, how); // the refusal is put back: no choice saved
        expect(site.consent.state).toBe('refused');
        expect(findings(site)).toEqual([]);
        recordCookieChange(site, refusedOnPath, false, 7000); // the visitor saves a refusal
        expect(findings(site)).toContainEqual(expect.stringMatching(/^after-refusal high: .* kept after a refusal/));
      },
    );

    it('by another open site, maybe, after the site removed it: the same refusal removed and saved again is no other choice once its write left the timeline (re-review rrB2 2)', () => {
      const site = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(site, { ...accepted, path: '/explore/' }, false, 1);
      recordCookieChange(site, ownGa, false, 1000);
      recordCookieChange(site, refused, false, 2000);
      recordCookieChange(site, ownGa, true, 3000);
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      const session = browserCookie({ name: 'csrftoken', domain: 'itie.opendatasoft.com' });
      // A busy portal pushes the refusal's event out of the timeline.
      for (let i = 0; i < TIMELINE_LIMIT; i++) recordCookieChange(site, { ...session, value: `v${i}` }, false, 4100 + i);
      recordCookieChange(site, refused, true, 6000);
      // The removal's event keeps the choice it replaced (never a value); a JSON round trip keeps it.
      expect(site.timeline.at(-1)).toMatchObject({
        consent: { state: 'accepted' },
        replaced: { state: 'refused', trackers: { ga: false } },
      });
      const stored: SiteRecord = JSON.parse(JSON.stringify(site));
      recordCookieChange(stored, refused, false, 6001);
      expect(stored.consent.state).toBe('refused');
      expect(findings(stored)).toEqual([]);
      // The same once the events went to fit the record (fitRecord), the removal's kept.
      stored.timeline.splice(0, stored.timeline.length - 2);
      recordCookieChange(stored, refused, true, 7000);
      const trimmed: SiteRecord = JSON.parse(fitRecord(structuredClone(stored), 'site:x', JSON.stringify(stored).length));
      trimmed.timeline.splice(0, trimmed.timeline.length - 1);
      recordCookieChange(trimmed, refused, false, 7001);
      expect(findings(trimmed)).toEqual([]);
    });

    describe.each([
      ['expired', { byBrowser: true }],
      ['removed by a page', {}],
    ])('the last choice saved, not the timeline’s last events: another copy %s', (_, how) => {
      const parent = { domain: '.opendatasoft.com', hostOnly: false };
      const session = browserCookie({ name: 'csrftoken', domain: 'itie.opendatasoft.com' });
      const busy = (site: SiteRecord, from: number) => {
        for (let i = 0; i < TIMELINE_LIMIT; i++) recordCookieChange(site, { ...session, value: `v${i}` }, false, from + i);
      };

      it('the same refusal removed and saved again, after the removal of a copy that left it in force (re-review rrB3 1)', () => {
        const site = emptySite('itie.opendatasoft.com', '0');
        recordCookieChange(site, { ...refused, ...parent }, false, 1000); // an older refusal on the parent domain
        recordCookieChange(site, accepted, false, 2000);
        recordCookieChange(site, ownGa, false, 3000);
        recordCookieChange(site, refused, false, 4000); // the refusal saved, in force
        recordCookieChange(site, ownGa, true, 5000); // the portal removes its _ga
        busy(site, 6000); // the refusal's write leaves the timeline
        recordCookieChange(site, citysGa, false, 8000, { originUnknown: true });
        recordCookieChange(site, { ...refused, ...parent }, true, 9000, how); // not the one in force: the refusal stays
        recordCookieChange(site, refused, true, 10_000); // the banner deletes its cookie…
        recordCookieChange(site, refused, false, 10_001); // …and writes the same refusal again
        expect(site.consent.state).toBe('refused');
        expect(findings(site)).toEqual([]);
      });

      it('a record of an earlier version takes the last choice saved from its timeline at its consent cookie’s next event', () => {
        const site = emptySite('itie.opendatasoft.com', '0');
        recordCookieChange(site, accepted, false, 1);
        recordCookieChange(site, ownGa, false, 1000);
        recordCookieChange(site, refused, false, 2000);
        recordCookieChange(site, ownGa, true, 3000);
        recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
        delete site.lastSaved; // as kept by an earlier version
        recordCookieChange(site, { ...refused, ...parent }, true, 5000, how); // no such copy: nothing recorded
        recordCookieChange(site, refused, true, 6000);
        busy(site, 7000);
        recordCookieChange(site, refused, false, 9000);
        expect(findings(site)).toEqual([]);
      });

      it('a refusal saved again after another’s put-back whose removal left the timeline (re-review rrB3 2)', () => {
        const site = emptySite('itie.opendatasoft.com', '0');
        const onPath = { ...refused, path: '/explore/' };
        recordCookieChange(site, citysGa, false, 1000, { originUnknown: true });
        recordCookieChange(site, ownGa, false, 2000);
        recordCookieChange(site, onPath, false, 3000);
        recordCookieChange(site, accepted, false, 4000);
        recordCookieChange(site, onPath, true, 5000);
        recordCookieChange(site, ownGa, true, 6000);
        recordCookieChange(site, { ...refused, ...parent }, false, 7000); // the refusal saved
        recordCookieChange(site, { ...refused, ...parent }, true, 8000, how); // the acceptance put back: no choice saved
        expect(site.consent.state).toBe('accepted');
        recordCookieChange(site, citysGa, false, 9000, { originUnknown: true });
        busy(site, 10_000); // the put-back's event leaves the timeline
        recordCookieChange(site, refused, false, 12_000); // the same refusal saved again
        // (Set before any choice it was: that finding stands.)
        expect(findings(site)).toEqual(['before-consent high: statistics cookie (Google) set before the visitor chose']);
        // Kept in the record as it is stored, and when it is dropped to make room.
        const stored: SiteRecord = JSON.parse(JSON.stringify(site));
        expect(stored.lastSaved).toEqual({ state: 'refused', trackers: { ga: false } });
        expect(evictedRecord(stored, 13_000).lastSaved).toEqual({ state: 'refused', trackers: { ga: false } });
        const fitted: SiteRecord = JSON.parse(fitRecord(structuredClone(stored), 'site:x', 2000));
        expect(fitted.timeline.length).toBeLessThan(10);
        expect(fitted.lastSaved).toEqual({ state: 'refused', trackers: { ga: false } });
      });
    });

    it('by another open site, maybe, after the site removed it: another tracker switched leaves it not kept by the site (re-review’s M1, M3)', () => {
      const both = (ga: boolean, matomo: boolean) => consent(platform({ ga, matomo }));
      const site = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(site, both(true, true), false, 1);
      recordCookieChange(site, ownGa, false, 1000);
      recordCookieChange(site, both(false, false), false, 2000);
      recordCookieChange(site, ownGa, true, 3000);
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      // Matomo turned on, Google Analytics still refused; then Matomo off again.
      recordCookieChange(site, both(false, true), false, 5000);
      expect(findings(site)).toEqual([]);
      recordCookieChange(site, both(false, false), false, 6000);
      expect(findings(site)).toEqual([]);
    });

    it('by another open site, maybe: the site’s own history still counts', () => {
      // Set before the visitor chose, removed after the refusal, written again from the city's tab.
      const site = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(site, ownGa, false, 1000);
      recordCookieChange(site, refused, false, 2000);
      recordCookieChange(site, ownGa, true, 3000);
      recordCookieChange(site, citysGa, false, 4000, { originUnknown: true });
      expect(gaOf(site)).toMatchObject({ setPhases: ['before-choice'], removed: null });
      expect(findings(site)).toEqual(['before-consent high: statistics cookie (Google) set before the visitor chose']);
    });

    it('by the site after all when its response names it within 10 s after the event (Firefox), judged as its own write', () => {
      // L: the portal's own response rewrites its 13-month _ga for 25 months; a late response claims nothing.
      const kept = emptySite('itie.opendatasoft.com', '0');
      recordCookieChange(kept, accepted, false, 1);
      recordCookieChange(kept, ownGa, false, 1000);
      recordCookieChange(kept, citysGa, false, 2000, { originUnknown: true });
      expect(claimByResponse(kept, ['_ga'], '/explore/', 2000 + PAGE_EVIDENCE_MS + 1)).toBe(false);
      expect(claimByResponse(kept, ['_ga'], '/explore/', 2010)).toBe(true);
      expect(gaOf(kept)).toMatchObject({ expires: 760 * 86_400, lastChanged: 2000, firstSeen: 1000 });
      expect(gaOf(kept).unclaimedWrite).toBeUndefined();
      expect(findings(kept)).toEqual(['lifetime medium: charter says "13 mois", cookie expires after 760 days']);
      // R1: the portal sets again the _ga it removed after the refusal.
      const removed = removedAfterRefusal();
      recordCookieChange(removed, citysGa, false, 4000, { originUnknown: true });
      expect(claimByResponse(removed, ['_ga'], '/explore/', 4010)).toBe(true);
      expect(gaOf(removed)).toMatchObject({ setPhases: ['after-accept', 'after-refuse'], refusedBy: ['ga'], removed: null });
      expect(findings(removed)).toContain(
        'after-refusal high: statistics cookie (Google) set after a refusal: Google Analytics refused (ga=false)',
      );
    });

    it('found by a scan after the site removed it: present, in the timeline, no finding; its later removal too (reviewer’s R2, R5)', () => {
      const site = removedAfterRefusal();
      recordCookieChange(site, ownGa, false, 9000, { found: true, originUnknown: true });
      expect(presentCookies(site).map((cookie) => cookie.name)).toContain('_ga');
      expect(site.timeline.at(-1)).toMatchObject({ type: 'set', name: '_ga', phase: 'unknown', found: true, at: 9000 });
      expect(findings(site)).toEqual([]);
      recordCookieChange(site, ownGa, true, 10_000, { byBrowser: true });
      expect(site.timeline.at(-1)).toMatchObject({ type: 'removed', name: '_ga', byBrowser: true, at: 10_000 });
      expect(gaOf(site)).toMatchObject({ removed: 10_000, lastChanged: 1000 });
      expect(gaOf(site).unclaimedWrite).toBeUndefined();
    });
  });

  it('becomes the site’s, with the page, when an event without the mark sets it again', () => {
    const site = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(site, ga, false, 1, { found: true, page: '/', originUnknown: true });
    recordCookieChange(site, refused, false, 2);
    recordCookieChange(site, ga, false, 3, { page: '/explore/' });
    const cookie = presentCookies(site).find((c) => c.name === '_ga')!;
    expect(cookie).toMatchObject({ setPhases: ['after-refuse'], refusedBy: ['ga'], firstPage: '/explore/' });
    expect(cookie.originUnknown).toBeUndefined();
  });

  it('becomes the site’s when a response of the site set it shortly before or after', () => {
    const site = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(site, refused, false, 1);
    recordCookieChange(site, ga, false, 1000, { originUnknown: true });
    // Another name, or evidence too late, claims nothing.
    expect(claimByResponse(site, ['_gid'], '/explore/', 1001)).toBe(false);
    expect(claimByResponse(site, ['_ga'], '/explore/', 1000 + PAGE_EVIDENCE_MS + 1)).toBe(false);
    expect(claimByResponse(site, ['_ga'], '/explore/', 1500)).toBe(true);
    const cookie = presentCookies(site).find((c) => c.name === '_ga')!;
    expect(cookie).toMatchObject({ setPhases: ['after-refuse'], refusedBy: ['ga'], firstPage: '/explore/' });
    expect(cookie.originUnknown).toBeUndefined();
  });

  it('keeps the switches all off when it was set, once a response of the site claims it', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, consent(platform({ matomo: false })), false, 1);
    recordCookieChange(site, browserCookie({ name: '__utma' }), false, 1000, { originUnknown: true });
    expect(claimByResponse(site, ['__utma'], '/', 1500)).toBe(true);
    // Removed later, it still went against the refusal when it was set (findings.ts reads allOffWhenSet).
    recordCookieChange(site, browserCookie({ name: '__utma' }), true, 2000);
    expect(Object.values(site.cookies).find((c) => c.name === '__utma')).toMatchObject({ allOffWhenSet: ['matomo'], removed: 2000 });
  });

  it('takes the phase of the choice heard before the response for one a scan found, of no phase, whatever the clock says', () => {
    const before = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(before, ga, false, 1000, { found: true, originUnknown: true });
    expect(presentCookies(before).find((c) => c.name === '_ga')).toMatchObject({ firstPhase: 'unknown', setPhases: [] });
    // The site's response, heard before the visitor refused (its clock later): a write before the choice.
    expect(claimByResponse(before, ['_ga'], '/', 1300)).toBe(true);
    recordCookieChange(before, refused, false, 1200);
    const cookie = presentCookies(before).find((c) => c.name === '_ga')!;
    expect(cookie).toMatchObject({ firstPhase: 'before-choice', setPhases: ['before-choice'], firstPage: '/' });
    expect(cookie.refusedBy).toBeUndefined();
    // Heard after the refusal, the clock set back an hour in between (NTP, a machine resumed): a write after it.
    const after = emptySite('itie.opendatasoft.com', '0');
    recordCookieChange(after, refused, false, 5_000_000);
    recordCookieChange(after, ga, false, 5_000_000 - 3_600_000 + 5000, { found: true, originUnknown: true });
    expect(claimByResponse(after, ['_ga'], '/', 5_000_000 - 3_600_000 + 5010)).toBe(true);
    expect(presentCookies(after).find((c) => c.name === '_ga')).toMatchObject({
      firstPhase: 'after-refuse',
      setPhases: ['after-refuse'],
      refusedBy: ['ga'],
    });
  });
});

describe('differsFromRecord', () => {
  it('is false for a cookie the record does not show present, or shows as the browser gives it', () => {
    const site = emptySite('data.tco.re', '0');
    expect(differsFromRecord(site, browserCookie(), 1)).toBe(false);
    recordCookieChange(site, browserCookie(), false, 1);
    expect(differsFromRecord(site, browserCookie(), 2)).toBe(false);
    recordCookieChange(site, browserCookie(), true, 3);
    expect(differsFromRecord(site, browserCookie({ secure: false }), 4)).toBe(false);
  });

  it('is true for another expiry or flag', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1);
    for (const changed of [
      { expirationDate: 1_900_000_000 },
      { secure: false },
      { httpOnly: false },
      { sameSite: 'strict' },
      { session: true },
    ])
      expect(differsFromRecord(site, browserCookie(changed), 2), JSON.stringify(changed)).toBe(true);
  });

  it('compares a write of unknown origin kept apart with what it wrote, not with the site’s own', () => {
    const site = emptySite('itie.opendatasoft.com', '0');
    const ga = browserCookie({ name: '_ga', domain: '.opendatasoft.com', hostOnly: false });
    recordCookieChange(site, ga, false, 1);
    const rewritten = { ...ga, expirationDate: 1_900_000_000 };
    recordCookieChange(site, rewritten, false, 2, { found: true, originUnknown: true });
    expect(differsFromRecord(site, rewritten, 3)).toBe(false);
    expect(differsFromRecord(site, ga, 3)).toBe(true);
  });

  it('leaves a cookie of embedded content alone: a scan does not tell the frame that wrote it', () => {
    const site = emptySite('data.tco.re', '0');
    const foreign = browserCookie({ name: 'sessionid', domain: '.disqus.com', hostOnly: false });
    recordCookieChange(site, foreign, false, 1, { via: 'frame' });
    expect(differsFromRecord(site, { ...foreign, expirationDate: 1_900_000_000 }, 2)).toBe(false);
  });

  it('leaves the site’s consent cookie alone: its write would take a choice whose deletions went unheard too', () => {
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, accept, false, 1);
    expect(differsFromRecord(site, refuse, 2)).toBe(false);
    expect(differsFromRecord(site, { ...accept, expirationDate: 1_900_000_000 }, 2)).toBe(false);
  });
});
