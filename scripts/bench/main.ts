/**
 * `npm run bench`: measures speed and size and checks them against the budgets. Prints a table,
 * writes bench/results.json (machine, browser versions, date, every figure with its samples,
 * median and spread) and README's tables from it (readme.ts). Not part of `npm test`'s verdict;
 * the tests run each benchmark once, tiny.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { buildIfNeeded } from '../build-if-needed.ts';
import { background, charterDraft, charterParsing, registry, reportBuild } from './node-benches.ts';
import { liveLatency, popupAndWorker, popupBytes } from './browser-benches.ts';
import { firefoxBackgroundWake } from './firefox-benches.ts';
import { formatHostileTable, hostileInput } from './hostile.ts';
import { auditProfileMemory, censusThroughput } from './census-benches.ts';
import { CHROMIUM_PATH } from '../browsers/chromium.ts';
import { FIREFOX_PATH } from '../browsers/firefox.ts';
import { formatTable, type Figure } from './stats.ts';
import { updateReadme, type BenchResults } from './readme.ts';
import { isEntryScript } from '../entry-script.ts';

function version(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not installed';
  }
}

async function main(): Promise<void> {
  const log = (message: string) => console.log(`bench: ${message}`);
  // Other work on the machine shows in every absolute figure (less in the ratios): noted with them.
  const loadAtStart = loadavg()[0]!;
  buildIfNeeded('chrome', log);
  buildIfNeeded('firefox', log);
  const figures: Figure[] = [];
  log('charter parsing…');
  figures.push(...charterParsing('full'));
  log('registry…');
  figures.push(...registry('full'));
  log('background…');
  figures.push(...(await background('full')));
  log('report build…');
  figures.push(...reportBuild('full'));
  log('charter draft…');
  figures.push(...charterDraft('full'));
  log('popup size…');
  figures.push(...popupBytes());
  log('popup and worker wake in headless Chromium…');
  figures.push(...(await popupAndWorker('full')));
  log('background page wake in headless Firefox ESR…');
  figures.push(...(await firefoxBackgroundWake('full')));
  log('live panel latency in headless Chromium…');
  figures.push(...(await liveLatency('full')));
  log('census: the demo census at --jobs 1 and 2 (about two minutes)…');
  figures.push(...(await censusThroughput('full')));
  log('census: memory of one audit profile, Chromium and Firefox…');
  figures.push(...(await auditProfileMemory('full')));
  log('hostile input (every reader of outside text at 10 KB to 2 MB)…');
  const hostile = hostileInput('full');

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
      loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    },
    browsers: { chromium: version(CHROMIUM_PATH), firefox: version(FIREFOX_PATH) },
    figures: [...figures, ...hostile.figures],
    hostile: hostile.results,
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTable(figures)}\n`);
  console.log(`Hostile input: time per read at each size, growth per 10× of input\n${formatHostileTable(hostile.results)}\n`);
  const missed = [...figures, ...hostile.figures].filter((f) => f.meets === false);
  console.log(missed.length ? `${missed.length} budget(s) missed: see README, "Benchmarks".` : 'Every budget met.');
  writeFileSync('README.md', updateReadme(readFileSync('README.md', 'utf8'), results));
  console.log("Wrote bench/results.json and README.md's benchmark tables (npm run bench:readme)");
}

if (isEntryScript(import.meta.url)) await main();
