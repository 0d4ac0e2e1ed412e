/**
 * Firefox's background woken, against the floor's (floor-extension.ts, Firefox's build of it),
 * in one headless Firefox ESR: ours is an event page there (vite.config.ts, manifestFor), which
 * Firefox stops when idle as Chrome stops a service worker. Both are stopped as about:debugging's
 * "Terminate background script" does (firefox-rdp.ts), then one is woken by a message from one of
 * its pages, then both stopped and the other woken: neither runs while the other is timed, and
 * which goes first alternates from round to round. No budget: issue #16's budgets are Chromium's;
 * this shows where Firefox stands.
 */
import { launchFirefox } from '../browsers/firefox.ts';
import { terminateBackgroundScript } from '../browsers/firefox-rdp.ts';
import { extensionPage, request } from '../browsers/extension-api.ts';
import { siteItem } from '../../src/core/storage/session-items.ts';
import { benchHost, syntheticSite } from './browser-benches.ts';
import { FLOOR_FILES, FLOOR_GECKO_ID, writeFloorExtension, type FloorAnswer } from './floor-extension.ts';
import { figure, ratioFigure, type Figure } from './stats.ts';
import type { BenchSize } from './node-benches.ts';

/** Firefox's cookie store of normal windows: records are kept under it. */
const FIREFOX_STORE = 'firefox-default';

/** The promise-based runtime a page of either extension has. */
type PageRuntime = { browser: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

export async function firefoxBackgroundWake(size: BenchSize, { extensionDir }: { extensionDir?: string } = {}): Promise<Figure[]> {
  const [count, runs] = size === 'full' ? [2000, 25] : [20, 1];
  const floor = writeFloorExtension('firefox');
  const firefox = await launchFirefox({ besideExtensions: [floor.dir], ...(extensionDir ? { extensionDir } : {}) });
  try {
    const api = await extensionPage(firefox);
    const host = benchHost(count);
    const item = siteItem(FIREFOX_STORE, host);
    await api.evaluate(
      async ([key, text]) => {
        const storage = (
          globalThis as unknown as { browser: { storage: { session: { clear(): Promise<void>; set(items: object): Promise<void> } } } }
        ).browser.storage.session;
        await storage.clear();
        await storage.set({ [key]: text });
      },
      [item.key, item.encode({ ...syntheticSite(count, host), storeId: FIREFOX_STORE })] as const,
    );
    const floorPage = await firefox.newPage();
    await floorPage.goto(`moz-extension://${firefox.besideIds[0]}/${FLOOR_FILES.popup}`);
    await floorPage.waitFor('body[data-answered]');
    const rdp = await firefox.rdp();
    /** Milliseconds from sending `message` from `page` to its answer. */
    const answerTime = (page: typeof api, message: unknown) =>
      page.evaluate(async (message) => {
        const started = performance.now();
        await (globalThis as unknown as PageRuntime).browser.runtime.sendMessage(message);
        return performance.now() - started;
      }, message);

    const ours: number[] = [];
    const ourFirstLine: number[] = [];
    const ready: number[] = [];
    const floorAnswer: number[] = [];
    const floorFirstLine: number[] = [];
    /** Ours woken while the floor's page is stopped: its answer, then its diagnostics. */
    const wakeOurs = async () => {
      await terminateBackgroundScript(rdp, FLOOR_GECKO_ID);
      await firefox.stopBackground();
      // A message that waits for `ready` and costs nothing after it (no such tab's log), as in Chromium.
      const answer = await answerTime(api, { method: 'getNetworkLog', params: { tabId: 0 } });
      const diagnostics = await request(api, 'getDiagnostics', {});
      if (diagnostics.cookies < count) throw new Error(`Firefox's background restored ${diagnostics.cookies} cookies, not ${count}`);
      return { answer, diagnostics };
    };
    /** The floor's woken while ours is stopped: its answer, then when its first line ran. */
    const wakeFloor = async () => {
      await firefox.stopBackground();
      await terminateBackgroundScript(rdp, FLOOR_GECKO_ID);
      const answer = await answerTime(floorPage, { floor: 'wake' });
      const reply = await floorPage.evaluate(
        async () => (await (globalThis as unknown as PageRuntime).browser.runtime.sendMessage({ floor: 'again' })) as FloorAnswer,
        null,
      );
      return { answer, firstLine: reply.codeStartedMs };
    };
    // One round not counted: the first wake after the state was written reads it all. Which goes
    // first alternates, so that neither always follows the other's wake.
    for (let run = -1; run < runs; run++) {
      let our: Awaited<ReturnType<typeof wakeOurs>>;
      let floorWake: Awaited<ReturnType<typeof wakeFloor>>;
      if (run % 2 === 0) {
        our = await wakeOurs();
        floorWake = await wakeFloor();
      } else {
        floorWake = await wakeFloor();
        our = await wakeOurs();
      }
      if (process.env.BENCH_DEBUG) console.log('firefox wake', JSON.stringify(our.diagnostics), our.answer, JSON.stringify(floorWake));
      if (run < 0) continue;
      ours.push(our.answer);
      ourFirstLine.push(our.diagnostics.codeStartedMs);
      ready.push(our.diagnostics.readyMs);
      floorAnswer.push(floorWake.answer);
      floorFirstLine.push(floorWake.firstLine);
    }
    return [
      figure('floor', 'Firefox: the minimal background page woken: message to answer, from the caller', 'ms', floorAnswer),
      ratioFigure(
        'firefox wake',
        `stopped background page woken, ${count} cookies recorded: message to answer once ready, from the caller`,
        ours,
        floorAnswer,
        'the minimal background page woken',
      ),
      figure('floor', 'Firefox: the minimal background page’s first line (ms after its page started)', 'ms', floorFirstLine),
      figure('firefox wake', `background page start to ready, ${count} cookies recorded (the page's clock)`, 'ms', ready),
      figure('firefox wake', 'background page start to our first line (the page’s clock)', 'ms', ourFirstLine),
    ];
  } finally {
    await firefox.close();
    floor.remove();
  }
}
