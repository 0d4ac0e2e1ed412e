/**
 * The census at work: how many portals a minute the demo census audits with one job and with
 * two, and how much memory one audit profile takes (PSS of the browser's whole process tree,
 * sampled every 250 ms while it audits a portal page by page; the peak is kept). Real browsers,
 * the audit build, the demo portals served on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../browsers/chromium.ts';
import { launchFirefox } from '../browsers/firefox.ts';
import { COOKIE_POLICY, type BrowserUnderTest } from '../browsers/browser-under-test.ts';
import { treeMemory } from '../browsers/process-tree.ts';
import { auditRun } from '../audit/run.ts';
import { parseAuditArgs } from '../audit/options.ts';
import { readPortalList, runCensus } from '../census/run-census.ts';
import { DEMO_CENSUS_HOSTS } from '../demo-portal/census-portals.ts';
import { PORTAL_HOSTS, startPortalServer } from '../demo-portal/server.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchSize } from './node-benches.ts';

/** What the census benchmark runs: every demo portal, one choice (refuse), five pages each; tiny: two portals, one page. */
function censusSettings(size: BenchSize): { hosts: readonly string[]; pages: number } {
  return size === 'full' ? { hosts: DEMO_CENSUS_HOSTS, pages: 5 } : { hosts: DEMO_CENSUS_HOSTS.slice(0, 2), pages: 1 };
}

/** Portals per minute of the demo census at --jobs 1 and --jobs 2 (one census each: a census is its own average). */
export async function censusThroughput(size: BenchSize): Promise<Figure[]> {
  const { hosts, pages } = censusSettings(size);
  const figures: Figure[] = [];
  for (const jobs of [1, 2]) {
    const out = mkdtempSync(join(tmpdir(), 'cci-bench-census-'));
    try {
      const options = parseAuditArgs([
        '--portals',
        'demo',
        '--consent',
        'refuse',
        '--pages',
        String(pages),
        '--jobs',
        String(jobs),
        '--out',
        out,
      ]);
      const started = performance.now();
      const code = await runCensus(
        { ...options, portals: 'demo' },
        readPortalList('demo', hosts.map((host) => `http://${host}/`).join('\n')),
        {
          audit: auditRun,
          launch: (extensionDir, hostMap) => launchChromium({ extensionDir, pinCookiePolicy: true, ...(hostMap ? { hostMap } : {}) }),
          browser: () => ({ version: 'Chromium', cookiePolicy: COOKIE_POLICY.chromium }),
          startDemo: async () => {
            const server = await startPortalServer();
            return { port: server.port, hosts: PORTAL_HOSTS, close: () => server.close() };
          },
          progress: () => ({ done: () => undefined, stop: () => undefined }),
          print: () => undefined,
        },
      );
      const minutes = (performance.now() - started) / 60_000;
      if (code === 2) throw new Error('the benchmark census audited no portal');
      figures.push(
        figure('census', `demo census, ${hosts.length} portals, --consent refuse --pages ${pages}, --jobs ${jobs}`, 'portals/min', [
          hosts.length / minutes,
        ]),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return figures;
}

/** Launches a browser for an audit and samples its process tree's PSS every 250 ms until it closes; `peak` holds the highest, in KiB. */
function sampled(launch: () => Promise<BrowserUnderTest>): { launch: () => Promise<BrowserUnderTest>; peak: () => number } {
  let peak = 0;
  return {
    peak: () => peak,
    launch: async () => {
      const browser = await launch();
      const pid = await browser.processId();
      if (pid === null) throw new Error(`${browser.name} did not tell its process id`);
      const sample = () => (peak = Math.max(peak, treeMemory(pid).pssKiB));
      sample();
      const timer = setInterval(sample, 250);
      return {
        ...browser,
        close: async () => {
          sample();
          clearInterval(timer);
          await browser.close();
        },
      };
    },
  };
}

/** Peak memory (PSS, MiB) of one audit profile auditing the demo portal with Disqus, page by page, in each browser. */
export async function auditProfileMemory(size: BenchSize): Promise<Figure[]> {
  const runs = size === 'full' ? 3 : 1;
  const pages = size === 'full' ? 5 : 1;
  const browsers = size === 'full' ? (['chromium', 'firefox'] as const) : (['chromium'] as const);
  const server = await startPortalServer();
  const figures: Figure[] = [];
  try {
    const hostMap = { hosts: PORTAL_HOSTS, port: server.port };
    for (const name of browsers) {
      const peaks: number[] = [];
      for (let run = 0; run < runs; run++) {
        const out = mkdtempSync(join(tmpdir(), 'cci-bench-memory-'));
        try {
          let profile: ReturnType<typeof sampled> | undefined;
          await auditRun({
            launch: (extensionDir) => {
              const options = { extensionDir, hostMap, pinCookiePolicy: true };
              profile = sampled(() => (name === 'firefox' ? launchFirefox(options) : launchChromium(options)));
              return profile.launch();
            },
            target: name === 'firefox' ? 'firefox' : 'chrome',
            url: new URL('http://data.commentaires.opendatasoft.com/'),
            consent: 'refuse',
            pages,
            outDir: out,
            log: () => undefined,
          });
          peaks.push(profile!.peak() / 1024);
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      }
      figures.push(figure('census', `memory of one audit profile, ${name} (peak PSS, ${pages} pages)`, 'MiB', peaks));
    }
  } finally {
    await server.close();
  }
  return figures;
}
