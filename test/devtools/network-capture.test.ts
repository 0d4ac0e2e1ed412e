import { describe, expect, it } from 'vitest';
import { BATCH_DELAY_MS, createNetworkCapture } from '../../src/devtools/network-capture.ts';
import type { NetworkResponse } from '../../src/core/network/network-log.ts';

/** A HAR entry as devtools.network hands it over, Set-Cookie values included. */
const entry = (url: string, setCookies: string[]) => ({
  startedDateTime: '2026-11-30T10:00:00.000Z',
  time: 30,
  request: { method: 'GET', url },
  response: { status: 200, headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })) },
});

function setup(fail = false, bare: 'value' | 'name' = 'value') {
  const sent: NetworkResponse[][] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const capture = createNetworkCapture(
    async (responses) => {
      sent.push(responses);
      if (fail) throw new Error('Could not establish connection');
    },
    (run, ms) => timers.push({ run, ms }),
    bare,
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

  it('never throws when the worker cannot be reached', async () => {
    const { capture, timers } = setup(true);
    capture.heard(entry('https://data.tco.re/', ['a=1']));
    expect(() => timers[0]!.run()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
