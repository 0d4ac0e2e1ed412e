import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { BrowserUnderTest, PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import { AuditError, auditRun, reasonOf, runTimeLimitMs, runWithin } from '../../../scripts/audit/run.ts';
import { exitCode } from '../../../scripts/audit/audit-output.ts';
import { exportReport } from '../../../src/core/report/index.ts';
import { finding, portalView, report, reportCookie } from '../../support/reports.ts';

// The run loads no build: the fake browser below stands for it.
vi.mock('../../../scripts/audit/audit-extension.ts', () => ({
  auditExtension: () => ({ dir: '/nonexistent/extension', remove: () => undefined }),
}));

const scratch = scratchDir('audit-run');
afterAll(() => scratch.remove());

/** The start URL of a portal behind a servlet container, its session id in its path and query, and a password. */
const SECRET_URL = 'https://user:s3cret@a.example.org/login;jsessionid=9F1CSECRET?PHPSESSID=abc123#top';
const SECRETS = /s3cret|9F1CSECRET|abc123|jsessionid|#top/;

/**
 * A browser whose extension answers every request as the worker would, and whose pages reach
 * `reachable` (or no page, or those it says), each landing at `landed` (where redirects end).
 */
function fakeBrowser(
  reachable: boolean | ((url: string) => boolean),
  landed: string | ((reads: number) => string) = 'https://a.example.org/login;jsessionid=9F1CSECRET',
  links: string[] = [],
): { launch: () => Promise<BrowserUnderTest>; visited: string[] } {
  const visited: string[] = [];
  let reads = 0;
  const page = (): PageUnderTest =>
    ({
      goto: async (url: string) => {
        if (url.startsWith('chrome-extension:')) return;
        visited.push(url);
        // What Playwright says of a host that does not resolve: the URL as it was asked for.
        if (typeof reachable === 'function' ? !reachable(url) : !reachable)
          throw new Error(`page.goto: net::ERR_NAME_NOT_RESOLVED at ${url}\nCall log:\n  - navigating to "${url}"`);
      },
      waitFor: async () => undefined,
      // The page's answer as request() has it sent back: JSON text.
      evaluate: async (_fn: unknown, message: { method: string }) =>
        JSON.stringify({
          ok: true,
          result: message.method === 'getReport' ? portalView([]) : { text: '{}', name: 'report', mime: 'text/plain' },
        }),
      evaluateScript: async () => ({ url: typeof landed === 'string' ? landed : landed(++reads), links }),
      setViewport: async () => undefined,
      screenshot: async () => undefined,
      close: async () => undefined,
    }) as unknown as PageUnderTest;
  const browser = {
    name: 'chromium',
    newPage: async () => page(),
    popupUrl: (query = '') => `chrome-extension://id/src/popup/index.html${query}`,
    processId: async () => null,
    close: async () => undefined,
  } as unknown as BrowserUnderTest;
  return { launch: async () => browser, visited };
}

describe('an audit run', () => {
  it('visits the URL as given, and prints, logs and keeps none of its values', async () => {
    const { launch, visited } = fakeBrowser(true);
    const lines: string[] = [];
    const result = await auditRun({
      launch,
      target: 'chrome',
      url: new URL(SECRET_URL),
      consent: 'none',
      pages: 1,
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    expect(visited[0]).toBe(SECRET_URL);
    expect(lines).toContain('visiting https://a.example.org/login?PHPSESSID=…');
    expect(lines.filter((line) => SECRETS.test(line))).toEqual([]);
    expect(result.pages).toEqual(['/login']);
    expect(result.notLoaded).toEqual([]);
  }, 20_000);

  it('fails, naming where it landed without values, when the start URL redirects to another host, whose cookies the report of the host typed never holds', async () => {
    // An old custom domain redirecting to the platform's sub-domain: the report of the host typed is empty.
    const { launch, visited } = fakeBrowser(true, 'https://city.opendatasoft.com/explore/;jsessionid=9F1CSECRET?token=abc123');
    const run = auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://data.city.example/'),
      consent: 'refuse',
      pages: 2,
      outDir: scratch.path,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(
      new AuditError(
        'https://data.city.example/ redirected to https://city.opendatasoft.com/explore/?token=, another host: audit city.opendatasoft.com instead',
      ),
    );
    // Stopped there: no choice made on the other host, no other page visited.
    expect(visited).toEqual(['https://data.city.example/']);
  }, 20_000);

  it('clicks a consent banner drawn after the cookie events settled, looking for it again until it shows', async () => {
    const { launch } = fakeBrowser(true);
    // The banner shows at the clicker's third look (a consent manager's script loaded late).
    let looks = 0;
    const lateBannerLaunch = async () => {
      const browser = await launch();
      const newPage = browser.newPage.bind(browser);
      return {
        ...browser,
        newPage: async () => {
          const page = await newPage();
          const readLinks = page.evaluateScript.bind(page);
          return {
            ...page,
            evaluateScript: async (source: string) =>
              source.includes('location.href') ? readLinks(source) : ++looks >= 3 ? 'tout refuser' : null,
          };
        },
      };
    };
    const lines: string[] = [];
    const result = await auditRun({
      launch: lateBannerLaunch,
      target: 'chrome',
      url: new URL('https://a.example.org/login'),
      consent: 'refuse',
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    expect(result.clicked).toBe('tout refuser');
    expect(looks).toBe(3);
    expect(lines).toContain('consent: clicked "tout refuser"');
  }, 20_000);

  it('fails when the start page moves to another host after its first read (a timed redirect), before any report', async () => {
    // <meta http-equiv="refresh" content="2;url=…">: the first read is still on the host typed.
    const { launch } = fakeBrowser(true, (reads) => (reads === 1 ? 'https://data.city.example/' : 'https://city.opendatasoft.com/'));
    const run = auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://data.city.example/'),
      consent: 'none',
      pages: 1,
      outDir: scratch.path,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(
      new AuditError(
        'https://data.city.example/ redirected to https://city.opendatasoft.com/, another host: audit city.opendatasoft.com instead',
      ),
    );
  }, 20_000);

  it('fails when a page moves to another host just before the report is read', async () => {
    const { launch } = fakeBrowser(true, (reads) => (reads < 3 ? 'https://data.city.example/' : 'https://city.opendatasoft.com/'));
    const run = auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://data.city.example/'),
      consent: 'none',
      pages: 1,
      outDir: scratch.path,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(/redirected to https:\/\/city\.opendatasoft\.com\/, another host/);
  }, 20_000);

  it('leaves out, as not loaded, a page of the crawl that moved to another host while another stayed, not failing the run', async () => {
    const { launch } = fakeBrowser(
      true,
      (reads) =>
        reads === 3
          ? 'https://sso.example.net/login?next=x'
          : reads === 4
            ? 'https://a.example.org/pages/about/'
            : 'https://a.example.org/',
      ['https://a.example.org/pages/about/'],
    );
    const lines: string[] = [];
    const result = await auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'none',
      pages: 3,
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    expect(result.pages).toEqual(['/', '/explore/', '/pages/about/']);
    expect(result.notLoaded).toEqual(['/explore/']);
    expect(lines).toContain('could not load /explore/: it moved to https://sso.example.net/login?next=, another host');
  }, 20_000);

  it('fails when every page of the crawl moved to another host: the portal moved (a start page redirecting seconds after loading)', async () => {
    const { launch } = fakeBrowser(true, (reads) => (reads <= 2 ? 'https://old.example.org/' : 'https://new.example.net/'));
    const run = auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://old.example.org/'),
      consent: 'none',
      pages: 5,
      outDir: scratch.path,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(
      new AuditError(
        'the pages of https://old.example.org/ redirected to https://new.example.net/, another host: audit new.example.net instead',
      ),
    );
  }, 20_000);

  it('goes back to the start page when the consent click leads to a consent manager’s page on another host', async () => {
    const { launch, visited } = fakeBrowser(true, (reads) =>
      reads === 2 ? 'https://cmp.consent.example/refuse?return=https%3A%2F%2Fa.example.org%2F' : 'https://a.example.org/',
    );
    // The banner's "Tout refuser" clicked at the first look; every other script reads where the page is.
    const clickingLaunch = async () => {
      const browser = await launch();
      const newPage = browser.newPage.bind(browser);
      return {
        ...browser,
        newPage: async () => {
          const page = await newPage();
          const read = page.evaluateScript.bind(page);
          return { ...page, evaluateScript: async (source: string) => (source.includes('location.href') ? read(source) : 'tout refuser') };
        },
      };
    };
    const lines: string[] = [];
    const result = await auditRun({
      launch: clickingLaunch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'refuse',
      pages: 1,
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    expect(result.clicked).toBe('tout refuser');
    expect(lines).toContain(
      'consent: the page is on https://cmp.consent.example/refuse?return= after the click, another host: back to https://a.example.org/',
    );
    expect(visited).toEqual(['https://a.example.org/', 'https://a.example.org/']);
  }, 20_000);

  it('leaves out, as not loaded, the one page of the crawl that moved to another host when the start page, loaded again, stays', async () => {
    // A catalogue behind a sign-in service: reads 1-2 the start page, 3 the catalogue, then the start page again.
    const { launch, visited } = fakeBrowser(true, (reads) =>
      reads === 3 ? 'https://sso.example.net/login?next=x' : 'https://a.example.org/',
    );
    const result = await auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'none',
      pages: 2,
      outDir: scratch.path,
      log: () => undefined,
    });
    expect(result.notLoaded).toEqual(['/explore/']);
    expect(visited).toEqual(['https://a.example.org/', 'https://a.example.org/explore/', 'https://a.example.org/']);
  }, 20_000);

  it('says it cannot reach the start page again, naming no other host, when loading it again fails', async () => {
    let starts = 0;
    const { launch } = fakeBrowser(
      (url) => url !== 'https://a.example.org/' || ++starts === 1,
      (reads) => (reads <= 2 ? 'https://a.example.org/' : 'https://sso.example.net/login?next=x'),
    );
    const run = auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'none',
      pages: 2,
      outDir: scratch.path,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(/^cannot reach https:\/\/a\.example\.org\/ again: /);
  }, 20_000);

  it('gives a run of more than one page the time to load its start page again (a load, a settle, a 5 s watch)', () => {
    expect(runTimeLimitMs(1)).toBe(75_000);
    expect(runTimeLimitMs(2)).toBe(45_000 + 2 * 30_000 + 35_000);
  });

  it('tells which of the pages it visited did not load', async () => {
    const { launch, visited } = fakeBrowser((url) => !url.includes('/explore/'));
    const lines: string[] = [];
    const result = await auditRun({
      launch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'none',
      pages: 2,
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    expect(visited).toEqual(['https://a.example.org/', 'https://a.example.org/explore/']);
    expect(result.pages).toEqual(['/', '/explore/']);
    expect(result.notLoaded).toEqual(['/explore/']);
    expect(lines.some((line) => line.startsWith('could not load /explore/'))).toBe(true);
  }, 20_000);

  it('writes report.json and report.md from the report its table and exit code come from, however the page goes on writing cookies', async () => {
    const { launch } = fakeBrowser(true);
    // A page still writing cookies: the worker's report has one more cookie, undeclared, at each
    // later request for it (an export asked after the report read), as it had for the review's 203 and 204.
    let written = 1;
    const now = () => {
      const names = Array.from({ length: written }, (_, index) => `tick${index}`);
      const findings = names.slice(1).map((name) => finding({ kind: 'undeclared', cookie: name }));
      return report(
        names.map((name) => reportCookie({ name })),
        { findings },
      );
    };
    const writingLaunch = async () => {
      const browser = await launch();
      const newPage = browser.newPage.bind(browser);
      return {
        ...browser,
        newPage: async () => ({
          ...(await newPage()),
          evaluate: async (_fn: unknown, message: { method: string; params: { format?: 'json' | 'markdown' } }) => {
            if (message.method === 'getReport')
              return JSON.stringify({ ok: true, result: { kind: 'report', report: now(), charterPending: false } });
            written++;
            return JSON.stringify({ ok: true, result: exportReport(now(), message.params.format!) });
          },
        }),
      } as BrowserUnderTest;
    };
    const outDir = join(scratch.path, 'one-report');
    const result = await auditRun({
      launch: writingLaunch,
      target: 'chrome',
      url: new URL('https://a.example.org/'),
      consent: 'none',
      outDir,
      log: () => undefined,
    });
    const json = readFileSync(join(outDir, 'report.json'), 'utf8');
    const markdown = readFileSync(join(outDir, 'report.md'), 'utf8');
    expect(json).toBe(exportReport(result.report, 'json').text);
    expect(markdown).toBe(exportReport(result.report, 'markdown').text);
    const kept = JSON.parse(json) as { cookies: unknown[]; findings: unknown[] };
    expect(kept.cookies).toHaveLength(result.report.cookies.length);
    // The exit code under --strict says what the file says: no finding, exit 0.
    expect(kept.findings).toHaveLength(result.report.findings.length);
    expect(exitCode([result.report], true)).toBe(kept.findings.length > 0 ? 1 : 0);
  }, 20_000);

  it('says which page it could not reach without its values, the driver’s message included', async () => {
    const lines: string[] = [];
    const run = auditRun({
      launch: fakeBrowser(false).launch,
      target: 'chrome',
      url: new URL(SECRET_URL),
      consent: 'none',
      outDir: scratch.path,
      log: (line) => void lines.push(line),
    });
    await expect(run).rejects.toThrow(
      new AuditError(
        'cannot reach https://a.example.org/login?PHPSESSID=: net::ERR_NAME_NOT_RESOLVED at https://a.example.org/login?PHPSESSID=',
      ),
    );
    expect(lines.filter((line) => SECRETS.test(line))).toEqual([]);
  });

  it('ends a run whose page never answers at its time limit, its browser’s process with it', async () => {
    // The browser's process: ended, what the page was asked dies with it, as a driver's call does.
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    onTestFinished(() => void child.kill());
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const { launch } = fakeBrowser(true);
    const busyLaunch = async () => {
      const browser = await launch();
      const newPage = browser.newPage.bind(browser);
      return {
        ...browser,
        processId: async () => child.pid ?? null,
        newPage: async () => ({
          ...(await newPage()),
          // A page busy after its load: what is evaluated in it never answers, until its browser dies.
          evaluateScript: () => ended.then(() => Promise.reject(new Error('Target page, context or browser has been closed'))),
        }),
      } as BrowserUnderTest;
    };
    const options = { target: 'chrome', url: new URL('https://a.example.org/'), consent: 'accept', outDir: scratch.path } as const;
    const run = runWithin({ ...options, launch: busyLaunch, log: () => undefined }, 50);
    await expect(run).rejects.toThrow(new AuditError('no result within 0 s: the browser was ended'));
    await ended;
  }, 20_000);

  it('ends a run whose time limit passed while its browser started, closing that browser', async () => {
    const { launch, visited } = fakeBrowser(true);
    const controller = new AbortController();
    const close = vi.fn(async () => undefined);
    const slowLaunch = async () => {
      const browser = await launch();
      controller.abort(new AuditError('no result within 0 s: the browser was ended'));
      return { ...browser, close } as BrowserUnderTest;
    };
    const options = { target: 'chrome', url: new URL('https://a.example.org/'), consent: 'none', outDir: scratch.path } as const;
    const run = auditRun({ ...options, launch: slowLaunch, log: () => undefined, signal: controller.signal });
    await expect(run).rejects.toThrow(new AuditError('no result within 0 s: the browser was ended'));
    expect(visited).toEqual([]);
    expect(close).toHaveBeenCalledOnce();
  });

  it('reads a navigation error as one line, every URL in it without values', () => {
    expect(reasonOf(new Error('page.goto: NS_ERROR_UNKNOWN_HOST at https://x.org/a;sid=1?t=2 (from "http://u:p@y.org/#f")\n  log'))).toBe(
      'NS_ERROR_UNKNOWN_HOST at https://x.org/a?t= (from "http://y.org/")',
    );
  });
});
