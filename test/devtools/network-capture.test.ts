import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_DELAY_MS, createNetworkCapture, HAR_WAIT_MS } from '../../src/devtools/network-capture.ts';
import { withResponses } from '../../src/core/network/network-log.ts';
import { setByOf, setByOfTimeline } from '../../src/core/network/set-by.ts';
import type { HarEntryLike, NetworkResponse } from '../../src/core/network/network-log.ts';
import type { BarePair } from '../../src/core/network/set-cookie-header.ts';
import { barePairReading } from '../../src/platform/devtools.ts';
import { createNetworkLogs } from '../../src/background/network-logs.ts';
import { fakeSession } from '../support/fake-session.ts';

/** A HAR entry as devtools.network hands it over, Set-Cookie values included. */
const entry = (url: string, setCookies: string[]) => ({
  startedDateTime: '2026-11-30T10:00:00.000Z',
  time: 30,
  request: { method: 'GET', url },
  response: { status: 200, headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })) },
});

function setup(fail = false, bare: BarePair | Promise<BarePair> = 'value', har: () => Promise<HarEntryLike[]> = async () => []) {
  const sent: NetworkResponse[][] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const capture = createNetworkCapture(
    async (responses) => {
      sent.push(responses);
      if (fail) throw new Error('Could not establish connection');
    },
    (run, ms) => timers.push({ run, ms }),
    bare,
    har,
  );
  return { capture, sent, timers };
}

describe('network capture (the DevTools page)', () => {
  it('reads a Set-Cookie without "=" as the browser it runs in does: the name in Firefox, a nameless cookie in Chromium', () => {
    for (const [bare, name] of [
      ['name', 'tokenabc'],
      ['value', ''],
    ] as const) {
      const { capture, sent, timers } = setup(false, bare);
      capture.heard(entry('https://data.tco.re/', ['tokenabc; Path=/']));
      timers[0]!.run();
      expect(sent[1]!.flatMap((response) => response.cookies.map((cookie) => cookie.name))).toEqual([name]);
    }
  });

  it('holds the responses heard before the browser says how it reads a Set-Cookie without "=", then reads them so', async () => {
    for (const [bare, name] of [
      ['name', 'tokenabc'],
      ['value', ''],
    ] as const) {
      let answer!: (reading: BarePair) => void;
      const { capture, sent, timers } = setup(false, new Promise<BarePair>((resolve) => (answer = resolve)));
      capture.heard(entry('https://data.tco.re/', ['tokenabc; Path=/']));
      capture.heard(entry('https://data.tco.re/app.js', ['csrftoken=x']));
      // DevTools is said to be open at once; the responses wait for the reading, none lost.
      expect(sent).toEqual([[]]);
      expect(timers).toEqual([]);
      answer(bare);
      await Promise.resolve();
      capture.heard(entry('https://data.tco.re/api/', ['later; Path=/']));
      timers[0]!.run();
      expect(sent[1]!.flatMap((response) => response.cookies.map((cookie) => cookie.name))).toEqual([
        name,
        'csrftoken',
        bare === 'name' ? 'later' : '',
      ]);
    }
  });

  it('reads the responses it held as nameless cookies when the reading fails', async () => {
    const { capture, sent, timers } = setup(false, Promise.reject(new Error('No answer')));
    capture.heard(entry('https://data.tco.re/', ['tokenabc; Path=/']));
    await new Promise((resolve) => setTimeout(resolve, 0));
    timers[0]!.run();
    expect(sent[1]!.flatMap((response) => response.cookies.map((cookie) => cookie.name))).toEqual(['']);
  });

  it('tells the worker at once that DevTools is open, with no response', () => {
    const { sent } = setup();
    expect(sent).toEqual([[]]);
  });

  it('sends the responses that set cookies together, reduced to names and attributes', () => {
    const { capture, sent, timers } = setup();
    capture.heard(entry('https://data.tco.re/', ['sessionid=SECRET-1; HttpOnly', 'csrftoken=SECRET-2']));
    capture.heard(entry('https://data.tco.re/app.js', []));
    capture.heard(entry('https://data.tco.re/api/?q=private', ['django_language=fr']));
    expect(timers.map((timer) => timer.ms)).toEqual([BATCH_DELAY_MS]);
    timers[0]!.run();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.map((response) => response.url)).toEqual(['https://data.tco.re/', 'https://data.tco.re/api/?q=']);
    expect(sent[1]!.flatMap((response) => response.cookies.map((cookie) => cookie.name))).toEqual([
      'sessionid',
      'csrftoken',
      'django_language',
    ]);
    expect(JSON.stringify(sent)).not.toMatch(/SECRET|private/);
    // The next response starts the next batch.
    capture.heard(entry('https://data.tco.re/', ['a=1']));
    expect(timers).toHaveLength(2);
  });

  it('reads a redirect whose Set-Cookie headers Chrome had not given yet from its own entry of getHAR, and says its cookies are unknown when that has none', async () => {
    // Chrome finishes a redirect hop before its raw headers come (`headersSize` -1); getHAR, a moment later, has them.
    const hop = (status: number, headersSize: number, setCookies: string[], url = 'https://data.tco.re/login') => ({
      ...entry(url, setCookies),
      response: { status, headersSize, headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })) },
    });
    const heard = hop(302, -1, []);
    const cases: Array<[string, () => Promise<HarEntryLike[]>, Partial<NetworkResponse>[]]> = [
      // Its own entry (URL, start and status), another request's beside it.
      [
        'its cookies',
        async () => [hop(302, 150, ['other=1'], 'https://data.tco.re/'), hop(302, 186, ['sessionid=SECRET; Path=/'])],
        [{ status: 302, cookies: [{ name: 'sessionid', domain: null, expires: null }] }],
      ],
      // Its raw headers in, no Set-Cookie among them: it set none.
      ['none', async () => [hop(302, 147, [])], []],
      // Gone (the next page cleared DevTools' log), still without its headers, or no answer: not known.
      ['unknown', async () => [], [{ status: 302, cookies: [], cookiesCut: true }]],
      ['unknown', async () => [heard], [{ status: 302, cookies: [], cookiesCut: true }]],
      ['unknown', () => Promise.reject(new Error('no HAR')), [{ status: 302, cookies: [], cookiesCut: true }]],
    ];
    for (const [what, har, expected] of cases) {
      const { capture, sent, timers } = setup(false, 'value', har);
      capture.heard(heard);
      await new Promise((resolve) => setTimeout(resolve, 0));
      timers.forEach((timer) => timer.run());
      expect(sent.flat(), what).toMatchObject(expected);
      expect(JSON.stringify(sent)).not.toContain('SECRET');
    }
  });

  it('leaves out a Set-Cookie line repeating its cookie’s previous one where the browser tells no event for it (Firefox)', () => {
    for (const [repeated, count] of [
      ['silent', 1],
      ['heard', 2],
    ] as const) {
      const sent: NetworkResponse[][] = [];
      const timers: Array<() => void> = [];
      const capture = createNetworkCapture(
        async (responses) => void sent.push(responses),
        (run) => void timers.push(run),
        'value',
        undefined,
        repeated,
      );
      capture.heard(entry('https://data.tco.re/dup-cookie/', ['rr_dup=SECRET; Path=/', 'rr_dup=SECRET; Path=/']));
      timers.forEach((run) => run());
      expect(sent.flat()[0]!.cookies, repeated).toHaveLength(count);
      expect(JSON.stringify(sent)).not.toContain('SECRET');
    }
  });

  /** A redirect as Chrome often hands it over (no raw headers yet: `headersSize` -1), or as getHAR has it later, its Set-Cookie in. */
  const redirect = (i: number, setCookies?: string[]): HarEntryLike => ({
    startedDateTime: new Date(Date.parse('2026-11-30T10:00:00.000Z') + i).toISOString(),
    time: 5,
    request: { method: 'GET', url: `https://data.tco.re/r/${i}` },
    response: setCookies
      ? { status: 302, headersSize: 200, headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })) }
      : { status: 302, headersSize: -1, headers: [] },
  });

  it('asks DevTools for its HAR once at a time, each answer serving every redirect waiting (a re-review: one getHAR a redirect, each the whole log)', async () => {
    const answers: Array<(entries: HarEntryLike[]) => void> = [];
    const { capture, sent, timers } = setup(false, 'value', () => new Promise((resolve) => answers.push(resolve)));
    const redirects = 1000;
    // DevTools' log: every redirect with its Set-Cookie, and as many other requests.
    const har = Array.from({ length: redirects }, (_, i) => [
      redirect(i, [`c${i}=SECRET; Path=/`]),
      entry(`https://data.tco.re/a/${i}.js`, []),
    ]).flat();
    for (let i = 0; i < redirects; i++) capture.heard(redirect(i));
    await Promise.resolve();
    // One getHAR under way; the redirects heard meanwhile wait for the next, asked once it answered.
    expect(answers).toHaveLength(1);
    answers[0]!(har);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answers).toHaveLength(2);
    answers[1]!(har);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answers).toHaveLength(2);
    timers.forEach((timer) => timer.run());
    const names = sent.flat().flatMap((response) => response.cookies.map((cookie) => cookie.name));
    expect(names).toEqual(Array.from({ length: redirects }, (_, i) => `c${i}`));
    expect(JSON.stringify(sent)).not.toContain('SECRET');
  });

  describe('when getHAR never answers', () => {
    afterEach(() => void vi.useRealTimers());

    it('logs the redirect with its cookies unknown after HAR_WAIT_MS, so its cookie reads "no response known", never "by a script"; the next redirect asks again', async () => {
      vi.useFakeTimers();
      const sent: NetworkResponse[][] = [];
      let asked = 0;
      const capture = createNetworkCapture(
        async (responses) => void sent.push(responses),
        setTimeout,
        'value',
        () => (asked++, new Promise<HarEntryLike[]>(() => undefined)),
      );
      capture.heard(redirect(0));
      await vi.advanceTimersByTimeAsync(HAR_WAIT_MS - 1);
      expect(sent.flat()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1 + BATCH_DELAY_MS);
      expect(sent.flat()).toMatchObject([{ status: 302, cookies: [], cookiesCut: true }]);
      const at = Date.parse('2026-11-30T10:00:00.000Z');
      const log = withResponses(null, 1, at - 60_000, sent.flat());
      const event = { type: 'set', at: at + 2, name: 'sessionid', domain: 'data.tco.re', phase: 'before-choice' } as const;
      expect(setByOf(event, log, at + 60_000)).toEqual({ kind: 'unseen' });
      // A getHAR that never answered does not hold the next redirect.
      capture.heard(redirect(1));
      await vi.advanceTimersByTimeAsync(HAR_WAIT_MS + BATCH_DELAY_MS);
      expect(asked).toBe(2);
      expect(sent.flat()).toHaveLength(2);
    });
  });

  it('logs responses in the order they were heard, a redirect waiting for getHAR before those heard after it, so each event names its own response (a re-review)', async () => {
    const answers: Array<(entries: HarEntryLike[]) => void> = [];
    const { capture, sent, timers } = setup(false, 'value', () => new Promise((resolve) => answers.push(resolve)));
    const at = Date.parse('2026-11-30T10:00:00.000Z');
    // Heard first, the 302 over [10, 15] ms, its headers not there yet; then an XHR over [0, 100] ms.
    capture.heard(redirect(10));
    capture.heard({ ...entry('https://data.tco.re/api/', ['c=x; Path=/']), time: 100 });
    await Promise.resolve();
    answers[0]!([redirect(10, ['c=y; Path=/'])]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    timers.forEach((timer) => timer.run());
    const responses = sent.flat();
    // The XHR is logged at once, the redirect once getHAR answered; each keeps its place heard.
    expect(responses.map((response) => [response.url, response.heard])).toEqual([
      ['https://data.tco.re/api/', 1],
      ['https://data.tco.re/r/10', 0],
    ]);
    // Two events, each as near to both: set-by breaks the tie by the order heard.
    const events = [12, 80].map((ms) => ({ type: 'set', at: at + ms, name: 'c', domain: 'data.tco.re', phase: 'before-choice' }) as const);
    const log = withResponses(null, 1, at - 60_000, responses);
    const named = events.map((event) => setByOfTimeline(events, log, at + 60_000)(event));
    expect(named).toMatchObject([
      { kind: 'response', response: { url: 'https://data.tco.re/r/10' } },
      { kind: 'response', response: { url: 'https://data.tco.re/api/' } },
    ]);
  });

  describe('when getHAR is slow', () => {
    afterEach(() => void vi.useRealTimers());

    it('logs a response heard after a waiting redirect at once, so an XHR whose cookie came 1.4 s before it was heard never reads "by a script" (a re-review of 750b288b)', async () => {
      vi.useFakeTimers();
      const at = Date.parse('2026-11-30T10:00:00.000Z');
      vi.setSystemTime(at);
      const sent: NetworkResponse[][] = [];
      const capture = createNetworkCapture(
        async (responses) => void sent.push(responses),
        setTimeout,
        'value',
        () => new Promise<HarEntryLike[]>(() => undefined),
      );
      // A 302 heard at 1400 ms without its headers; an XHR over [0, 1500] ms, its cookie event at 100 ms.
      await vi.advanceTimersByTimeAsync(1400);
      capture.heard({ ...redirect(1395), time: 5 });
      await vi.advanceTimersByTimeAsync(100);
      capture.heard({ ...entry('https://data.tco.re/api/', ['c=x; Path=/']), time: 1500 });
      await vi.advanceTimersByTimeAsync(BATCH_DELAY_MS);
      expect(sent.flat().map((response) => response.url)).toEqual(['https://data.tco.re/api/']);
      const event = { type: 'set', at: at + 100, name: 'c', domain: 'data.tco.re', phase: 'before-choice' } as const;
      for (const now of [3200, 3400, 3460]) {
        await vi.advanceTimersByTimeAsync(now - (Date.now() - at));
        expect(setByOf(event, withResponses(null, 1, at - 60_000, sent.flat()), Date.now())?.kind, `${now} ms`).toBe('response');
      }
    });

    it('logs a redirect heard while a getHAR is under way HAR_WAIT_MS after it was heard, so its cookie never reads "by a script" (a re-review)', async () => {
      vi.useFakeTimers();
      const sent: NetworkResponse[][] = [];
      const answers: Array<(entries: HarEntryLike[]) => void> = [];
      const capture = createNetworkCapture(
        async (responses) => void sent.push(responses),
        setTimeout,
        'value',
        () => new Promise<HarEntryLike[]>((resolve) => answers.push(resolve)),
      );
      const at = Date.parse('2026-11-30T10:00:00.000Z');
      const secondHeard = () => sent.flat().some((response) => response.url.endsWith('/r/1'));
      capture.heard(redirect(0));
      // 50 ms later, the next redirect waits for the getHAR under way.
      await vi.advanceTimersByTimeAsync(50);
      capture.heard(redirect(1));
      // DevTools' log is big: the first answer comes late, and the second getHAR is as slow.
      await vi.advanceTimersByTimeAsync(HAR_WAIT_MS - 100);
      answers[0]!([redirect(0, ['a=1; Path=/'])]);
      await vi.advanceTimersByTimeAsync(0);
      expect(answers).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(50 + BATCH_DELAY_MS);
      expect(secondHeard()).toBe(false);
      await vi.advanceTimersByTimeAsync(100);
      // Its cookies unknown, within the 3 s window of its cookie's event (at 52 ms): 'no response known'.
      expect(sent.flat().find((response) => response.url.endsWith('/r/1'))).toMatchObject({ cookies: [], cookiesCut: true });
      const event = { type: 'set', at: at + 52, name: 'sessionid', domain: 'data.tco.re', phase: 'before-choice' } as const;
      expect(setByOf(event, withResponses(null, 1, at - 60_000, sent.flat()), at + 60_000)).toEqual({ kind: 'unseen' });
    });
  });

  it('never throws when the worker cannot be reached', async () => {
    const { capture, timers } = setup(true);
    capture.heard(entry('https://data.tco.re/', ['a=1']));
    expect(() => timers[0]!.run()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('network capture in Firefox', () => {
  /** What the DevTools page of a Firefox of `version` sends the worker, and what the worker keeps of it in storage.session. */
  async function storedIn(version: string) {
    const sent: NetworkResponse[][] = [];
    const timers: Array<() => void> = [];
    const bare = barePairReading({ protocol: 'moz-extension:' }, async () => version);
    const capture = createNetworkCapture(
      async (responses) => void sent.push(responses),
      (run) => void timers.push(run),
      bare,
    );
    capture.heard({ ...entry('https://data.tco.re/explore/', ['SECRETVALUE123; Path=/; Secure']), time: 5 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    timers.forEach((run) => run());
    const session = fakeSession();
    const logs = createNetworkLogs(session, async () => true);
    for (const batch of sent) await logs.note(7, 1, batch);
    return { sent: JSON.stringify(sent), stored: JSON.stringify(session.data) };
  }

  it('never keeps the text of a Set-Cookie without "=" in ESR 140, which makes it a nameless cookie’s value', async () => {
    const { sent, stored } = await storedIn('140.0');
    expect(sent).not.toContain('SECRETVALUE123');
    expect(stored).not.toContain('SECRETVALUE123');
    expect(stored).toContain('network:7');
  });

  it('keeps it as the cookie’s name in ESR 153, which names the cookie by it', async () => {
    const { stored } = await storedIn('153.0');
    expect(stored).toContain('SECRETVALUE123');
  });
});
