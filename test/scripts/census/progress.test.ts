import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, rowLine } from '../../../scripts/census/progress.ts';
import { sampleCensus } from './census-fixtures.ts';

const [tco, down, itie] = sampleCensus().portals;

describe('census progress', () => {
  it('prints one plain line per portal done when not on a terminal', () => {
    const lines: string[] = [];
    const progress = createProgress({ total: 12, tty: false, line: (text) => void lines.push(text), elapsed: () => 3.25 });
    progress.done(tco!);
    progress.done(down!);
    progress.stop();
    expect(lines).toEqual([
      '[   3.3s]  1/12 data.tco.re: 2 cookies, 2 findings (1 high)',
      '[   3.3s]  2/12 down.example.org: failed: cannot reach https://down.example.org/: net::ERR_NAME_NOT_RESOLVED',
    ]);
    expect(rowLine(itie!)).toBe('itie.opendatasoft.com: 0 cookies, 0 findings, 42 live-charter lines not read');
    expect(rowLine({ ...itie!, cookies: 1, findings: { ...itie!.findings!, total: 1 } })).toBe(
      'itie.opendatasoft.com: 1 cookie, 1 finding, 42 live-charter lines not read',
    );
  });

  it('draws a bar on a terminal: done out of all, failures, time left', () => {
    let drawn = '';
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          drawn += chunk.toString();
          callback();
        },
      }),
      { isTTY: true, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    );
    const lines: string[] = [];
    const progress = createProgress({ total: 3, tty: true, line: (text) => void lines.push(text), stream, elapsed: () => 0 });
    progress.done(tco!);
    progress.done(down!);
    progress.stop();
    expect(lines).toEqual([]);
    expect(drawn).toMatch(/portals .* [0-3]\/3 \| failed [0-1] \| ETA /);
  });

  it('says when the live charter had lines not read, and only then', () => {
    const withUnread = (unread: number | null) => ({ ...tco!, charter: { ...tco!.charter, unread } });
    expect(rowLine(withUnread(4))).toBe('data.tco.re: 2 cookies, 2 findings (1 high), 4 live-charter lines not read');
    expect(rowLine(withUnread(1))).toBe('data.tco.re: 2 cookies, 2 findings (1 high), 1 live-charter line not read');
    expect(rowLine(withUnread(0))).toBe('data.tco.re: 2 cookies, 2 findings (1 high)');
    expect(rowLine(withUnread(null))).toBe('data.tco.re: 2 cookies, 2 findings (1 high)');
  });

  it('never prints control characters that came from outside', () => {
    expect(rowLine({ ...down!, error: 'bad\u001b]0;title\u0007 host' })).not.toMatch(/[\u0000-\u001f]/);
  });
});
