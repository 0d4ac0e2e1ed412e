// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { TimelineView, type ShownTimeline } from '../../src/views/TimelineView.tsx';
import { visibleCookieName } from '../../src/core/cookies/nameless.ts';
import { emptySite, evictedRecord, recordCookieChange, type TimelineEvent } from '../../src/core/cookies/site-record.ts';
import { browserCookie } from '../support/cookies.ts';
import { fitRecord } from '../../src/core/storage/record-limit.ts';
import { siteKey } from '../../src/core/storage/session-items.ts';
import { auditSite, playSite } from '../support/charter-audit.ts';
import type { SetBy } from '../../src/core/network/set-by.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

const show = (timeline: ShownTimeline, extra: Partial<Parameters<typeof TimelineView>[0]> = {}) =>
  render(<TimelineView showName={visibleCookieName} host="data.tco.re" timeline={timeline} t={t} language="en" {...extra} />).container;
const rows = (container: Element) =>
  [...container.querySelectorAll('li')].map(
    (li) => li.getAttribute('data-marker') ?? li.getAttribute('data-divider') ?? li.getAttribute('data-event'),
  );

/** The dividers' words (the choices) of a timeline shown in `language`. */
const dividersIn = (events: ShownTimeline['events'], language: 'en' | 'fr' = 'en') => {
  const container = show({ droppedEvents: 0, events }, { t: localeTranslate(language), language });
  const text = [...container.querySelectorAll('.divider strong')].map((node) => node.textContent);
  cleanup();
  return text;
};

describe('TimelineView', () => {
  it('says when nothing was recorded', () => {
    expect(show({ droppedEvents: 0, events: [] }).textContent).toContain('timelineEmpty');
  });

  it('shows events and markers in order, dropped events first, names as text', () => {
    const container = show({
      droppedEvents: 2,
      events: [
        { type: 'set', at: 1, name: '<i>x</i>', domain: 'data.tco.re', phase: 'after-refuse' },
        { type: 'cleared', at: 2 },
        { type: 'evicted', at: 3, cookies: 4, events: 5 },
      ],
    });
    expect(rows(container)).toEqual(['dropped', 'set', 'cleared', 'evicted']);
    expect(container.querySelector('[data-event="set"] code')?.textContent).toBe('<i>x</i>');
    expect(container.querySelector('[data-event="set"]')?.getAttribute('data-phase')).toBe('after-refuse');
    expect(container.querySelector('[data-marker="evicted"]')?.textContent).toContain('markerEvicted cookieCount 4 eventCount 5');
  });

  it('says one event or cookie, or several, in English and in French', () => {
    const said = (language: 'en' | 'fr', dropped: number, cookies: number, events: number) => {
      const container = render(
        <TimelineView
          showName={visibleCookieName}
          host="data.tco.re"
          timeline={{ droppedEvents: dropped, events: [{ type: 'evicted', at: 1, cookies, events }] }}
          t={localeTranslate(language)}
          language={language}
        />,
      ).container;
      const texts = [
        container.querySelector('[data-marker="dropped"]')?.textContent,
        // The marker's sentence, without its time.
        [...container.querySelector('[data-marker="evicted"]')!.childNodes]
          .filter((node) => node.nodeName !== 'TIME')
          .map((node) => node.textContent)
          .join('')
          .trim(),
      ];
      cleanup();
      return texts;
    };
    expect(said('en', 1, 1, 1)).toEqual([
      '1 older event was dropped (only the last 1,000 are kept).',
      "This site's records were dropped here to make room in the browser's storage: 1 cookie, 1 event. Recording went on.",
    ]);
    expect(said('en', 2, 0, 3)).toEqual([
      '2 older events were dropped (only the last 1,000 are kept).',
      "This site's records were dropped here to make room in the browser's storage: 0 cookies, 3 events. Recording went on.",
    ]);
    expect(said('fr', 1, 0, 1)).toEqual([
      '1 événement plus ancien a été supprimé (seuls les 1\u202f000 derniers sont gardés).',
      'Les données enregistrées pour ce site ont été supprimées ici pour faire de la place dans le stockage du navigateur\u202f: 0 cookie, 1 événement. L’enregistrement a continué.',
    ]);
    expect(said('fr', 2, 2, 3)).toEqual([
      '2 événements plus anciens ont été supprimés (seuls les 1\u202f000 derniers sont gardés).',
      'Les données enregistrées pour ce site ont été supprimées ici pour faire de la place dans le stockage du navigateur\u202f: 2 cookies, 3 événements. L’enregistrement a continué.',
    ]);
  });

  it('says which events went to keep the record within its limit, which to the 1,000-event cap, or both, in English and in French (a reviewer’s case)', () => {
    const said = (language: 'en' | 'fr', droppedEvents: number, droppedToFit: unknown) => {
      const timeline = { droppedEvents, droppedToFit, events: [] } as ShownTimeline;
      const text = render(
        <TimelineView
          showName={visibleCookieName}
          host="data.tco.re"
          timeline={timeline}
          t={localeTranslate(language)}
          language={language}
        />,
      ).container.querySelector('[data-marker="dropped"]')?.textContent;
      cleanup();
      return text;
    };
    expect(said('en', 600, 600)).toBe("600 older events were dropped to keep this site's record within 2 MB.");
    expect(said('en', 1, 1)).toBe("1 older event was dropped to keep this site's record within 2 MB.");
    expect(said('en', 1600, 600)).toBe(
      "1,600 older events were dropped (only the last 1,000 are kept), 600 of them to keep this site's record within 2 MB.",
    );
    expect(said('fr', 600, 600)).toBe(
      '600 événements plus anciens ont été supprimés pour garder l’enregistrement de ce site sous 2\u202fMo.',
    );
    expect(said('fr', 1, 1)).toBe('1 événement plus ancien a été supprimé pour garder l’enregistrement de ce site sous 2\u202fMo.');
    expect(said('fr', 1600, 1)).toBe(
      '1\u202f600 événements plus anciens ont été supprimés (seuls les 1\u202f000 derniers sont gardés), dont 1 pour garder l’enregistrement de ce site sous 2\u202fMo.',
    );
    // A count of another shape, or more than were dropped, is as good as none (a record of an earlier version has none).
    for (const corrupt of [undefined, 0, -1, 1.5, '600', null, 601])
      expect(said('en', 600, corrupt)).toBe('600 older events were dropped (only the last 1,000 are kept).');
  });

  it('says the events a record trimmed to its size limit lost went to that limit, not to the 1,000-event cap (a reviewer’s case)', () => {
    // 600 cookies of 4,000-character names (a site may set them; a browser keeps 4 KB of name and value).
    const site = playSite(
      'data.tco.re',
      Array.from({ length: 600 }, (_, i) => ({ name: `${i}`.padEnd(4000, 'x'), days: 1 })),
    );
    const report = auditSite(JSON.parse(fitRecord(site, siteKey('0', 'data.tco.re'))), null);
    expect(report.timeline.droppedEvents).toBe(600);
    for (const [language, text] of [
      ['en', "600 older events were dropped to keep this site's record within 2 MB."],
      ['fr', '600 événements plus anciens ont été supprimés pour garder l’enregistrement de ce site sous 2\u202fMo.'],
    ] as const) {
      const { container } = render(
        <TimelineView
          showName={visibleCookieName}
          host="data.tco.re"
          timeline={report.timeline}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      expect(container.querySelector('[data-marker="dropped"]')?.textContent).toBe(text);
      cleanup();
    }
  });

  it('draws each consent choice as a divider with the per-tracker choice it recorded', () => {
    const consent = (state: 'choice' | 'refused' | 'none', trackers: Record<string, boolean>) => ({ state, trackers });
    const events: TimelineEvent[] = [
      { type: 'set', at: 1, name: 'sessionid', domain: 'data.tco.re', phase: 'before-choice' },
      {
        type: 'set',
        at: 2,
        name: 'cookies_preferences',
        domain: 'data.tco.re',
        phase: 'after-choice',
        consent: consent('choice', { matomo: true, ga: false }),
      },
      { type: 'set', at: 3, name: '_ga', domain: '.tco.re', phase: 'after-refuse' },
      {
        type: 'changed',
        at: 4,
        name: 'cookies_preferences',
        domain: 'data.tco.re',
        phase: 'after-refuse',
        consent: consent('refused', {}),
      },
      // One copy of the choice removed while another (on another domain or path) keeps it: the choice stands (a review's case).
      { type: 'removed', at: 5, name: 'cookies_preferences', domain: '.tco.re', phase: 'after-refuse', consent: consent('refused', {}) },
      { type: 'removed', at: 6, name: 'cookies_preferences', domain: 'data.tco.re', phase: 'before-choice', consent: consent('none', {}) },
    ];
    const container = show({ droppedEvents: 0, events });
    expect(rows(container)).toEqual(['set', 'choice', 'set', 'refused', 'refused', 'removed']);
    const dividers = [...container.querySelectorAll('.divider strong')].map((node) => node.textContent);
    expect(dividers).toEqual([
      'choiceMade consentPerTracker (trackerAccepted Matomo · trackerRefused Google Analytics)',
      'choiceChanged consent_refused',
      'choiceRemovedKept consent_refused',
      'choiceRemoved',
    ]);
  });

  it('says a consent cookie a scan found already there holds a choice found there, never one made, in English and in French', () => {
    const now = Date.UTC(2026, 11, 5, 10, 0, 3);
    const site = emptySite('data.tco.re', '0');
    const value = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: now - 86_400_000 }));
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: 'data.tco.re', value }), false, now, { found: true });
    const said = (language: 'en' | 'fr') => {
      const container = render(
        <TimelineView
          showName={visibleCookieName}
          host="data.tco.re"
          timeline={{ droppedEvents: 0, events: site.timeline }}
          t={localeTranslate(language)}
          language={language}
        />,
      ).container;
      const divider = container.querySelector('.divider');
      const text = [
        divider?.getAttribute('data-found'),
        divider?.getAttribute('data-divider'),
        divider?.querySelector('strong')?.textContent,
      ];
      cleanup();
      return text;
    };
    expect(said('en')).toEqual(['true', 'refused', 'Choice found already there: Refused (Google Analytics: refused)']);
    expect(said('fr')).toEqual(['true', 'refused', 'Choix trouvé déjà présent\u202f: Refusé (Google Analytics\u202f: refusé)']);
    expect(show({ droppedEvents: 0, events: site.timeline }).querySelector('.divider strong')?.textContent).toBe(
      'choiceFound consent_refused (trackerRefused Google Analytics)',
    );
  });

  it('says a choice saved again the same is saved again, not changed, in English and in French (a reviewer’s case)', () => {
    const now = Date.UTC(2026, 11, 5, 10, 0, 0);
    const site = emptySite('data.tco.re', '0');
    const pref = (ga: boolean) =>
      browserCookie({
        name: 'cookies_preferences',
        domain: 'data.tco.re',
        httpOnly: false,
        value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ga, matomo: false, timestamp: now })),
      });
    // The banner's "Save my choices" writes the refusal, the page writes it again, then Google Analytics is accepted.
    recordCookieChange(site, pref(false), false, now);
    recordCookieChange(site, pref(false), false, now + 50);
    recordCookieChange(site, pref(true), false, now + 5000);
    const said = (language: 'en' | 'fr') => dividersIn(site.timeline, language);
    expect(said('en')).toEqual([
      'Choice made: Refused (Google Analytics: refused · Matomo: refused)',
      'Choice saved again: Refused (Google Analytics: refused · Matomo: refused)',
      'Choice changed: Per tracker (Google Analytics: accepted · Matomo: refused)',
    ]);
    expect(said('fr')[1]).toBe('Choix enregistré à nouveau\u202f: Refusé (Google Analytics\u202f: refusé · Matomo\u202f: refusé)');
  });

  it('says the same choice written again after the record was dropped to make room is saved again, not made (re-review rrTl 3)', () => {
    const now = Date.UTC(2026, 11, 6, 10, 0, 0);
    const refusal = browserCookie({
      name: 'cookies_preferences',
      domain: 'data.tco.re',
      httpOnly: false,
      value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: now })),
    });
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, refusal, false, now);
    site = evictedRecord(site, now + 1000);
    recordCookieChange(site, refusal, false, now + 2000);
    expect(dividersIn(site.timeline)).toEqual(['Choice saved again: Refused (Google Analytics: refused)']);
  });

  it('says another choice written after the record was dropped to make room, over the consent cookie it kept, is changed, not made (re-review rrTl2 2)', () => {
    const now = Date.UTC(2026, 11, 6, 10, 0, 0);
    const choice = (ga: boolean) =>
      browserCookie({
        name: 'cookies_preferences',
        domain: 'data.tco.re',
        httpOnly: false,
        value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ga, timestamp: now })),
      });
    let site = emptySite('data.tco.re', '0');
    recordCookieChange(site, choice(true), false, now);
    site = evictedRecord(site, now + 1000);
    recordCookieChange(site, choice(false), false, now + 2000);
    expect(dividersIn(site.timeline)).toEqual(['Choice changed: Refused (Google Analytics: refused)']);
  });

  it('marks events heard since the page opened as new, never a cookie found already there', () => {
    const container = show(
      {
        droppedEvents: 0,
        events: [
          { type: 'set', at: 90, name: 'before', domain: 'data.tco.re', phase: 'before-choice' },
          { type: 'set', at: 110, name: 'found', domain: 'data.tco.re', phase: 'unknown', found: true },
          { type: 'set', at: 120, name: 'after', domain: 'data.tco.re', phase: 'before-choice' },
        ],
      },
      { newSince: 100 },
    );
    expect([...container.querySelectorAll('[data-new]')].map((li) => li.getAttribute('data-cookie-event'))).toEqual(['after']);
    expect(container.querySelector('[data-found]')?.textContent).toContain('event_found');
    expect(
      show({ droppedEvents: 0, events: [{ type: 'set', at: 120, name: 'a', domain: 'd', phase: 'unknown' }] }).querySelector('[data-new]'),
    ).toBeNull();
  });

  it('marks no event dated after the clock as new: it was recorded before the clock was set back, maybe before the page opened', () => {
    const openedAt = Date.now();
    const container = show(
      {
        droppedEvents: 0,
        events: [
          { type: 'set', at: openedAt - 60_000, name: 'before', domain: 'd', phase: 'before-choice' },
          { type: 'set', at: openedAt + 3_600_000, name: 'ahead', domain: 'd', phase: 'before-choice' },
        ],
      },
      { newSince: openedAt },
    );
    expect(container.querySelector('[data-new]')).toBeNull();
  });

  it('shows a marker of a kind it does not know as unknown, not as a worker restart', () => {
    const container = show({ droppedEvents: 0, events: [{ type: 'weird', at: 5 } as unknown as TimelineEvent] });
    expect(container.querySelector('.marker')?.textContent).toContain('markerUnknown');
    expect(container.textContent).not.toContain('markerRestart');
  });

  it('says what set each event when the page knows the tab’s responses', () => {
    const response = {
      method: 'GET',
      url: 'https://data.tco.re/?q=',
      status: 200,
      startedAt: 1,
      finishedAt: 2,
      cookies: [{ name: 'sessionid', domain: null, expires: null }],
    };
    const answers: Record<string, SetBy> = {
      sessionid: { kind: 'response', response, cookie: response.cookies[0]! },
      widget: { kind: 'script' },
      early: { kind: 'unseen' },
      fresh: { kind: 'pending' },
    };
    const container = show(
      {
        droppedEvents: 0,
        events: Object.keys(answers).map((name, i) => ({
          type: 'set' as const,
          at: i,
          name,
          domain: 'data.tco.re',
          phase: 'before-choice' as const,
        })),
      },
      { setBy: (event) => answers[event.name] ?? null },
    );
    expect(
      [...container.querySelectorAll('[data-set-by]')].map((node) => `${node.getAttribute('data-set-by')}: ${node.textContent}`),
    ).toEqual([
      'response: setByResponse GET https://data.tco.re/?q= 200',
      'script: setByScript',
      'unseen: setByUnseen',
      'pending: setByPending',
    ]);
    expect(
      show({ droppedEvents: 0, events: [{ type: 'set', at: 1, name: 'a', domain: 'd', phase: 'unknown' }] }).querySelector('[data-set-by]'),
    ).toBeNull();
  });

  it('says of a removal no response removed it, not that none set it, in both languages', () => {
    const removal = (setBy: SetBy, language: 'en' | 'fr') => {
      const text = render(
        <TimelineView
          showName={visibleCookieName}
          host="data.tco.re"
          timeline={{
            droppedEvents: 0,
            events: [{ type: 'removed', at: 1, name: '_pk_id', domain: 'data.tco.re', phase: 'after-refuse' }],
          }}
          setBy={() => setBy}
          t={localeTranslate(language)}
          language={language}
        />,
      ).container.querySelector('[data-set-by]')!.textContent;
      cleanup();
      return text;
    };
    expect(removal({ kind: 'script' }, 'en')).toBe('by a script: no finished response of this tab removed it');
    expect(removal({ kind: 'pending' }, 'en')).toBe('looking for the response that removed it…');
    expect(removal({ kind: 'script' }, 'fr')).toBe('par un script\u202f: aucune réponse terminée de cet onglet ne l’a supprimé');
    expect(removal({ kind: 'pending' }, 'fr')).toBe('recherche de la réponse qui l’a supprimé…');
  });

  it('marks each pushed event once for the benchmark, when its row is in the document, however it came', () => {
    performance.clearMarks();
    const event = (name: string, at: number): TimelineEvent => ({ type: 'set', at, name, domain: 'd', phase: 'before-choice' });
    const heard = new Map([
      [2, 5],
      [3, 6],
    ]);
    const first = { droppedEvents: 0, events: [event('a', 1), event('b', 2)], heard };
    const { rerender } = render(<TimelineView showName={visibleCookieName} host="d" timeline={first} t={t} language="en" />);
    expect(heard.has(2)).toBe(false);
    expect(heard.has(3)).toBe(true);
    rerender(
      <TimelineView
        showName={visibleCookieName}
        host="d"
        timeline={{ ...first, events: [...first.events, event('c', 3)] }}
        t={t}
        language="en"
      />,
    );
    const marks = performance
      .getEntriesByName('cci:live-row')
      .map((mark) => (mark as PerformanceMark).detail as { seq: number; heardAt: number });
    expect(marks).toEqual([
      { seq: 2, heardAt: 5 },
      { seq: 3, heardAt: 6 },
    ]);
    expect(heard.size).toBe(0);
  });

  it('gives each time its date when it differs from the row before’s, and the first row’s unless it is today, with a datetime (a reviewer’s case)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 5, 12, 0, 0));
    try {
      const choice = new Date(2026, 11, 4, 10, 0, 3).getTime();
      const later = new Date(2026, 11, 5, 9, 0, 0).getTime();
      const events: TimelineEvent[] = [
        {
          type: 'set',
          at: choice,
          name: 'cookies_preferences',
          domain: 'data.tco.re',
          phase: 'after-refuse',
          consent: { state: 'refused', trackers: { ga: false } },
        },
        { type: 'set', at: later, name: '_ga', domain: '.tco.re', phase: 'after-refuse' },
        { type: 'worker-restart', at: later + 1000 },
        { type: 'set', at: new Date(2026, 11, 1, 8, 0, 0).getTime(), name: 'late', domain: 'data.tco.re', phase: 'after-refuse' },
      ];
      const times = (language: 'en' | 'fr', shown: TimelineEvent[]) => {
        const { container } = render(
          <TimelineView
            showName={visibleCookieName}
            host="data.tco.re"
            timeline={{ droppedEvents: 0, events: shown }}
            t={localeTranslate(language)}
            language={language}
          />,
        );
        const said = [...container.querySelectorAll('time')].map((time) => [time.textContent, time.getAttribute('datetime')]);
        cleanup();
        return said;
      };
      expect(times('en', events)).toEqual([
        ['Dec 4, 2026, 10:00:03 AM', new Date(choice).toISOString()],
        ['Dec 5, 2026, 9:00:00 AM', new Date(later).toISOString()],
        ['9:00:01 AM', new Date(later + 1000).toISOString()],
        // An event of an earlier day after a later one (a clock set back) says its date too.
        ['Dec 1, 2026, 8:00:00 AM', new Date(2026, 11, 1, 8).toISOString()],
      ]);
      expect(times('fr', events).map(([text]) => text)).toEqual([
        '4 déc. 2026, 10:00:03',
        '5 déc. 2026, 09:00:00',
        '09:00:01',
        '1er déc. 2026, 08:00:00',
      ]);
      // Today's rows: times alone.
      expect(times('en', events.slice(1, 3)).map(([text]) => text)).toEqual(['9:00:00 AM', '9:00:01 AM']);
      // A time of another shape reads unknown, with no datetime, and the page still shows.
      const corrupt = [
        { type: 'cleared', at: Number.NaN },
        { type: 'cleared', at: '5' },
        { type: 'cleared', at: 9e15 },
      ] as unknown as TimelineEvent[];
      expect(times('en', [...corrupt, events[1]!])).toEqual([
        ['unknown time', null],
        ['unknown time', null],
        ['unknown time', null],
        ['9:00:00 AM', new Date(later).toISOString()],
      ]);
      expect(times('fr', corrupt.slice(0, 1))).toEqual([['heure inconnue', null]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is reachable with the keyboard, named after its site', () => {
    const list = show({ droppedEvents: 0, events: [{ type: 'cleared', at: 1 }] }).querySelector('ol')!;
    expect(list.getAttribute('tabindex')).toBe('0');
    expect(list.getAttribute('aria-label')).toBe('timelineLabel data.tco.re');
  });
});
