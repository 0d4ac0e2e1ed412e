import { describe, expect, it } from 'vitest';
import { createLivePush } from '../../src/background/live-push.ts';
import { appendTimeline, emptySite, recordCookieChange, type TimelineEvent } from '../../src/core/cookies/site-record.ts';
import { applyLive, type LiveTimeline } from '../../src/core/live-timeline.ts';
import { LIVE_MESSAGE_TYPE, type LiveMessage } from '../../src/core/message-contract.ts';
import { browserCookie } from '../support/cookies.ts';

const set = (name: string, at: number): TimelineEvent => ({ type: 'set', at, name, domain: 'data.tco.re', phase: 'before-choice' });

function setup(refuse = false) {
  const sent: LiveMessage[] = [];
  const push = createLivePush(async (message) => {
    sent.push(message);
    if (refuse) throw new Error('Could not establish connection. Receiving end does not exist.');
  });
  return { push, sent };
}

describe('live push', () => {
  it('pushes the site’s last event with its position and the event before it', () => {
    const { push, sent } = setup();
    const site = appendTimeline(appendTimeline(emptySite('data.tco.re', '0'), set('a', 1)), set('b', 2));
    site.droppedEvents = 40;
    push.eventRecorded(site, 123.5);
    expect(sent).toEqual([
      {
        type: LIVE_MESSAGE_TYPE,
        kind: 'event',
        host: 'data.tco.re',
        storeId: '0',
        seq: 42,
        previous: { type: 'set', at: 1, name: 'a' },
        event: set('b', 2),
        heardAt: 123.5,
      },
    ]);
  });

  it('says the first event has none before it, and pushes nothing it cannot place (the event before was trimmed away)', () => {
    const { push, sent } = setup();
    push.eventRecorded(appendTimeline(emptySite('data.tco.re', '0'), set('a', 1)), 1);
    expect(sent[0]).toMatchObject({ seq: 1, previous: null });
    const trimmed = appendTimeline(emptySite('data.tco.re', '0'), set('z', 9));
    trimmed.droppedEvents = 3;
    push.eventRecorded(trimmed, 1);
    push.eventRecorded(emptySite('data.tco.re', '0'), 1);
    expect(sent).toHaveLength(1);
  });

  it('has an open page read the report again when an event went before others (a cookie of embedded content told late), never pushes an event to place (re-review rrTl 2)', () => {
    const { push, sent } = setup();
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie(), false, 1000);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.data.tco.re', hostOnly: false }), false, 1100);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), false, 1100);
    const refuse = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false }));
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', value: refuse, httpOnly: false }), false, 3000);
    // The banner deletes _ga from the host and its parent domain in the same millisecond: two events signed alike.
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.data.tco.re', hostOnly: false }), true, 3001);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'data.tco.re' }), true, 3001);
    // The page shows the timeline so far.
    const shown: LiveTimeline = {
      host: site.host,
      storeId: site.storeId,
      base: { droppedEvents: 0, events: [...site.timeline] },
      pushed: [],
    };
    // A YouTube cookie stored before the refusal, matched to its response after: its event goes before the refusal.
    const youtube = browserCookie({ name: 'VISITOR_INFO1_LIVE', domain: '.youtube.com', hostOnly: false });
    recordCookieChange(site, youtube, false, 2000, { via: 'response', choicesSince: 1 });
    push.eventRecorded(site, 1, false);
    expect(sent).toEqual([{ type: LIVE_MESSAGE_TYPE, kind: 'resync', host: 'data.tco.re', storeId: '0' }]);
    // Not the last event again (a third 'removed _ga' row): the page reads the report, which shows it before the refusal.
    expect(applyLive(shown, sent[0]!)).toEqual({ kind: 'resync' });
  });

  it('tells of a tab’s network log growing', () => {
    const { push, sent } = setup();
    push.networkChanged(8);
    expect(sent).toEqual([{ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 8 }]);
  });

  it('shrugs off having no page to tell', async () => {
    const { push, sent } = setup(true);
    expect(() => push.networkChanged(8)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toHaveLength(1);
  });
});
