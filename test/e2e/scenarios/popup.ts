import { mkdirSync, readFileSync } from 'node:fs';
import englishMessages from '../../../public/_locales/en/messages.json';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { extensionPage, grantedPermissions, presentNames, waitForReport } from '../../../scripts/browsers/extension-api.ts';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { parseCharter, readCharterPage } from '../../../src/core/charter/index.ts';
import { DRAFT_WORDS } from '../../../src/core/draft/draft-words.ts';
import { visibleCookieName } from '../../../src/core/cookies/nameless.ts';
import { FORGOTTEN, openPopup, seenRow, showFindings, visitPortal, type E2eContext } from './context.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = 'test-results/screenshots';

/** axe-core's violations on the page, as `rule: target` lines (empty when accessible). */
export async function axeViolations(page: Awaited<ReturnType<typeof openPopup>>): Promise<string[]> {
  await page.evaluateScript(axeSource);
  const result = (await page.evaluateScript(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return result;
}

/** What a page's buttons saved and copied: each download's file name and text, each text handed to the clipboard. */
type Outputs = { downloads: Array<{ filename: string; text: string }>; copies: string[] };
type OutputRecorder = { downloads: Array<Promise<{ filename: string; text: string }>>; copies: string[] };

/**
 * From now on, records in `page` what its buttons save and copy, as they still do it: a download is
 * a link to a blob, clicked (pages/page-actions.ts), read back before it is revoked; a copy goes
 * through `navigator.clipboard.writeText`, watched on its way.
 */
async function recordOutputs(page: PageUnderTest): Promise<void> {
  await page.evaluate(() => {
    const recorder: OutputRecorder = { downloads: [], copies: [] };
    (globalThis as unknown as { outputRecorder: OutputRecorder }).outputRecorder = recorder;
    addEventListener(
      'click',
      (event) => {
        const link = event.target;
        if (!(link instanceof HTMLAnchorElement) || !link.download) return;
        const filename = link.download;
        recorder.downloads.push(
          fetch(link.href)
            .then((response) => response.text())
            .then((text) => ({ filename, text })),
        );
      },
      true,
    );
    const clipboard = navigator.clipboard;
    const writeText = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => {
      recorder.copies.push(text);
      return writeText(text);
    };
  }, null);
}

/** What `page` saved and copied since `recordOutputs`. */
async function recordedOutputs(page: PageUnderTest): Promise<Outputs> {
  return page.evaluate(async () => {
    const recorder = (globalThis as unknown as { outputRecorder: OutputRecorder }).outputRecorder;
    return { downloads: await Promise.all(recorder.downloads), copies: recorder.copies };
  }, null);
}

/** The popup of `host`, visited first, on its Export tab, recording what its buttons save and copy (recordOutputs). */
async function exportTabRecording(ctx: E2eContext, host: string): Promise<PageUnderTest> {
  await (await visitPortal(ctx.browser(), host)).close();
  const popup = await openPopup(ctx.browser(), host);
  await recordOutputs(popup);
  await popup.click('#tab-export');
  return popup;
}

export function popupScenarios(ctx: E2eContext): void {
  describe('popup', () => {
    const host = 'itie.opendatasoft.com';

    it('shows each cookie as the charter states it, fallbacks marked, and what was declared but not seen', async () => {
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor(seenRow(FORGOTTEN));
      await popup.waitFor(seenRow('sessionid'));

      expect(await popup.attributes('[data-cookie="sessionid"]', 'data-status')).toEqual(['declared']);
      expect(await popup.attributes(`[data-cookie="${FORGOTTEN}"]`, 'data-status')).toEqual(['undeclared']);
      expect(await popup.attributes('[data-cookie="cookies_preferences"]', 'data-status')).toEqual(['not-seen']);

      const session = (await popup.texts('[data-cookie="sessionid"]'))[0]!;
      expect(session).toContain('Opendatasoft');
      expect(session).toContain('Authentification (front et back office)');
      expect(session).toContain("Se souvenir de l'utilisateur d'une page à une autre.");
      expect(session).toContain('HttpOnly');
      expect(await popup.attributes('[data-cookie="sessionid"] [data-phase]', 'data-phase')).toEqual(['before-choice']);
      const widget = (await popup.texts(`[data-cookie="${FORGOTTEN}"]`))[0]!;
      expect(widget).toContain('Hotjar');
      expect(widget).toContain('known-tracker table');
      expect(await popup.attributes('[data-consent]', 'data-consent')).toEqual(['none']);

      // Categories group the rows: the widget is not filed with the necessary cookies.
      expect(await popup.texts('#cat-necessary + ul [data-cookie]')).not.toContainEqual(expect.stringContaining(FORGOTTEN));
      await site.close();
      await popup.close();
    });

    it('lists findings with counts, each leading to its cookie', async () => {
      await (await visitPortal(ctx.browser(), host)).close();
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor(`[data-finding="before-consent"][data-finding-cookie="${FORGOTTEN}"]`);
      // No "not seen" yet: the charter's cookies_preferences cannot be there before the visitor chooses.
      expect(await popup.attributes('[data-finding-count]', 'data-finding-count')).toEqual(['before-consent', 'undeclared']);
      await popup.click(`[data-finding="before-consent"][data-finding-cookie="${FORGOTTEN}"] button`);
      await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-cookie') ?? null, null)).toBe(FORGOTTEN);
      await popup.close();
    });

    it('can be used with the keyboard alone: tabs move with the arrow keys', async () => {
      await (await visitPortal(ctx.browser(), host)).close();
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('#tab-cookies[aria-selected="true"]');
      await popup.press('#tab-cookies', 'ArrowRight');
      await popup.waitFor('#tab-timeline[aria-selected="true"]');
      expect(await popup.evaluate(() => document.activeElement?.id ?? null, null)).toBe('tab-timeline');
      await popup.waitFor('[data-event="set"]');
      await popup.press('#tab-timeline', 'End');
      await popup.waitFor('#tab-export[aria-selected="true"]');
      await popup.close();
    });

    it('records a consent flow: clears the site, reloads it, and follows the choice made on the page', async () => {
      const site = await ctx.browser().newPage();
      await site.goto(`http://${host}/`);
      const popup = await openPopup(ctx.browser(), host);
      await popup.click('#tab-timeline');
      await popup.click('[data-action="record-flow"]');
      await popup.click('[data-action="record-flow-confirm"]');
      await popup.waitFor('[data-marker="cleared"]');
      // The portal tab was reloaded: its banner asks again, and the page's cookies are new.
      await site.waitFor('#consent-banner:not([hidden])');
      await site.click('#consent-refuse');
      await popup.waitFor('[data-consent="refused"]');
      await popup.waitFor('[data-event="set"][data-phase="after-refuse"]');
      const events = await popup.attributes('.events li', 'data-marker');
      expect(events[0]).toBe('cleared');
      await site.close();
      await popup.close();
    });

    it('exports the report by its buttons: JSON and Markdown files and the clipboard, with no value', async () => {
      const popup = await exportTabRecording(ctx, host);
      await popup.click('input[value="markdown"]');
      await popup.click('[data-action="download"]');
      await popup.waitFor('[data-export-status="done"]');
      const status = async () => (await popup.texts('[data-export-status]'))[0]!;
      expect(await status()).toMatch(/cookie-report-itie\.opendatasoft\.com-\d{4}-\d{2}-\d{2}\.md/);
      await popup.click('input[value="json"]');
      await popup.click('[data-action="download"]');
      await expect.poll(status).toMatch(/cookie-report-itie\.opendatasoft\.com-\d{4}-\d{2}-\d{2}\.json/);
      await popup.click('[data-action="copy"]');
      await expect.poll(status).toBe('Copied.');
      // What the buttons saved and copied: the report for people and the report's document, and never a value.
      const { downloads, copies } = await recordedOutputs(popup);
      expect(downloads.map((file) => file.filename)).toEqual([expect.stringMatching(/\.md$/), expect.stringMatching(/\.json$/)]);
      expect(copies).toHaveLength(1);
      const [markdown, json] = [downloads[0]!, downloads[1]!];
      // export.ts's heading, the host's dots escaped as every outside text in the Markdown is (markdown.ts).
      expect(markdown.text.split('\n')[0]).toBe('# Cookie report: itie\\.opendatasoft\\.com');
      expect(markdown.text).toMatch(/^\| sessionid \| /m);
      const saved = JSON.parse(json.text);
      expect(saved).toMatchObject({ version: 1, host });
      expect(presentNames(saved)).toContain('sessionid');
      // The same document copied, asked for again: only the time it was made at may differ.
      expect({ ...JSON.parse(copies[0]!), generatedAt: null }).toEqual({ ...saved, generatedAt: null });
      for (const text of [markdown.text, json.text, copies[0]!]) expect(text).not.toMatch(/fixture-session-|fixture-csrf-/);
      await popup.close();
    });

    it('exports the report as CSV by its buttons: a .csv file and the clipboard, with the header row and no value', async () => {
      const popup = await exportTabRecording(ctx, host);
      await popup.click('input[value="csv"]');
      await popup.click('[data-action="download"]');
      await popup.waitFor('[data-export-status="done"]');
      const status = (await popup.texts('[data-export-status]'))[0]!;
      expect(status).toMatch(/cookie-report-itie\.opendatasoft\.com-\d{4}-\d{2}-\d{2}\.csv/);
      await popup.click('[data-action="copy"]');
      await expect.poll(async () => (await popup.texts('[data-export-status]'))[0]).toBe('Copied.');
      // What the buttons saved and copied: a spreadsheet's rows under their header, and never a value.
      const { downloads, copies } = await recordedOutputs(popup);
      expect(downloads).toHaveLength(1);
      expect(status).toContain(downloads[0]!.filename);
      expect(copies).toHaveLength(1);
      for (const text of [downloads[0]!.text, copies[0]!]) {
        const [header, ...rows] = text.split('\r\n');
        expect(header).toMatch(/^name,domain,path,status,provider,/);
        expect(rows.some((row) => row.startsWith('sessionid,'))).toBe(true);
        expect(text).not.toMatch(/fixture-session-|fixture-csrf-/);
      }
      await popup.close();
    });

    it('drafts a corrected charter from the Export tab: HTML in English saved and copied, Markdown in French saved, and each reads back', async () => {
      const popup = await exportTabRecording(ctx, host);
      await popup.waitFor('[data-draft]');
      expect(await axeViolations(popup)).toEqual([]);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await popup.setViewport(460, 900);
      await popup.screenshot(`${SCREENSHOT_DIR}/${ctx.browser().name}-export.png`);
      // The bundled charter of this portal is French: the draft is, unless another language is picked.
      expect(await popup.attributes('input[name="draft-language"]:checked', 'value')).toEqual(['fr']);
      await popup.click('input[value="charter-html"]');
      await popup.click('input[name="draft-language"][value="en"]');
      await popup.click('[data-action="draft-download"]');
      await popup.waitFor('[data-draft-status="done"]');
      const status = async () => (await popup.texts('[data-draft-status]'))[0]!;
      expect(await status()).toMatch(/charter-draft-itie\.opendatasoft\.com-en-\d{4}-\d{2}-\d{2}\.html/);
      await popup.click('[data-action="draft-copy"]');
      await expect.poll(status).toBe('Copied.');
      await popup.click('input[value="charter-markdown"]');
      await popup.click('input[name="draft-language"][value="fr"]');
      await popup.click('[data-action="draft-download"]');
      await expect.poll(status).toMatch(/charter-draft-itie\.opendatasoft\.com-fr-\d{4}-\d{2}-\d{2}\.md/);
      // What the buttons saved and copied: drafts the parser reads back, the forgotten widget added to review
      // (as its family, `_hjSessionUser_*`: the known-tracker table names Hotjar's user ID by its prefix), no value.
      const { downloads, copies } = await recordedOutputs(popup);
      expect(downloads.map((file) => file.filename)).toEqual([
        expect.stringMatching(/-en-[\d-]+\.html$/),
        expect.stringMatching(/-fr-[\d-]+\.md$/),
      ]);
      expect(copies).toHaveLength(1);
      const [html, markdown] = [downloads[0]!, downloads[1]!];
      expect(html.text).toContain(`<code>_hjSessionUser_*</code> <em class="draft-mark">(to review)</em>`);
      for (const text of [html.text, copies[0]!, markdown.text]) expect(text).not.toMatch(/fixture-session-|fixture-csrf-/);
      const english = readCharterPage(html.text, 'text/html');
      expect(english.language).toBe('en');
      expect(english.entries.find((entry) => entry.cookie === '_hjSessionUser_')).toMatchObject({
        provider: 'Hotjar',
        match: 'prefix',
        category: 'statistics',
      });
      expect(readCharterPage(copies[0]!, 'text/html').entries).toEqual(english.entries);
      const french = parseCharter(markdown.text);
      expect(french.language).toBe('fr');
      expect(french.entries.find((entry) => entry.cookie === '_hjSessionUser_')).toMatchObject({
        provider: 'Hotjar',
        match: 'prefix',
        category: 'statistics',
      });
      const names = (entries: typeof french.entries) => entries.map((entry) => `${entry.category} ${entry.cookie}`);
      expect(names(french.entries)).toEqual(names(english.entries));
      await popup.close();
    });

    it('drafts the charter in French from the Export tab, as its French charter calls for: the file named so and written in French', async () => {
      const popup = await exportTabRecording(ctx, host);
      await popup.waitFor('[data-draft]');
      // French until another language is picked: the bundled charter of this portal is.
      expect(await popup.attributes('input[name="draft-language"]:checked', 'value')).toEqual(['fr']);
      await popup.click('input[value="charter-html"]');
      await popup.click('[data-action="draft-download"]');
      await popup.waitFor('[data-draft-status="done"]');
      expect((await popup.texts('[data-draft-status]'))[0]).toMatch(/charter-draft-itie\.opendatasoft\.com-fr-\d{4}-\d{2}-\d{2}\.html/);
      // The file saved: the French template's words, read back as a French charter with the forgotten widget to review, no value.
      const { downloads } = await recordedOutputs(popup);
      expect(downloads).toHaveLength(1);
      const file = downloads[0]!;
      expect(file.filename).toMatch(/-fr-\d{4}-\d{2}-\d{2}\.html$/);
      expect(file.text).toContain('<html lang="fr">');
      expect(file.text).toContain(`<h2>${DRAFT_WORDS.fr.title}</h2>`);
      expect(file.text).toContain(`<h3>${DRAFT_WORDS.fr.reviewHeading}</h3>`);
      expect(file.text).toContain(`<code>_hjSessionUser_*</code> <em class="draft-mark">(${DRAFT_WORDS.fr.marks['to-review']})</em>`);
      expect(file.text).not.toContain(DRAFT_WORDS.en.reviewHeading);
      expect(file.text).not.toMatch(/fixture-session-|fixture-csrf-/);
      const french = readCharterPage(file.text, 'text/html');
      expect(french.language).toBe('fr');
      expect(french.entries.find((entry) => entry.cookie === '_hjSessionUser_')).toMatchObject({
        provider: 'Hotjar',
        match: 'prefix',
        category: 'statistics',
      });
      await popup.close();
    });

    it('shows a cookie named like markup as text, one whose name ends a bidi paragraph within its line, and says an empty name in words', async () => {
      const hostile = 'demo.huwise.com';
      const browser = ctx.browser();
      // The demo's /hostile/ page sets both (scripts/demo-portal/server.ts). Firefox's cookies API
      // gives a name's UTF-8 bytes, one character each (measured, ESR 153: its U+2029 came as
      // "\u00e2\u0080\u00a9"): the Å (C3 85) then brings a NEL (U+0085), which ends a paragraph
      // too; Chromium gives the characters, U+2029 among them.
      const setName = 'bidi\u00c5\u2029\u05d0\u05d1';
      const paragraphBreaker =
        browser.name === 'firefox' ? Array.from(new TextEncoder().encode(setName), (byte) => String.fromCharCode(byte)).join('') : setName;
      const site = await browser.newPage();
      await site.goto(`http://${hostile}/hostile/`);
      const api = await extensionPage(browser);
      // `document.cookie = 'value_without_a_name'`: Chromium and Firefox ESR 140 keep a cookie
      // named "" whose value is that text; Firefox ESR 153 one named by the text, with no value
      // (measured). The test takes the name the browser gave and checks what the popup makes of it.
      const unnamedShapes = ['', 'value_without_a_name'];
      const seen = await waitForReport(api, hostile, (r) =>
        [['<b>x</b>'], [paragraphBreaker], unnamedShapes].every((shapes) => shapes.some((name) => presentNames(r).includes(name))),
      );
      const unnamed = unnamedShapes.find((name) => presentNames(seen).includes(name)) ?? '';
      if (browser.name === 'chromium') expect(unnamed).toBe('');
      const popup = await openPopup(browser, hostile);
      await popup.waitFor('[data-cookie="<b>x</b>"]');
      expect(await popup.innerHtml('[data-cookie="<b>x</b>"] .name')).toBe('&lt;b&gt;x&lt;/b&gt;');
      expect(await popup.texts('main b')).toEqual([]);

      // A cookie named "": its row and its finding say so in words, never a blank
      // (core/cookies/nameless.ts), and its value is never shown. Firefox's is a name like any other.
      if (unnamed === '') {
        const nameless = englishMessages.namelessCookie.message;
        await popup.waitFor('[data-cookie=""] .name.nameless');
        expect(await popup.texts('[data-cookie=""] .name')).toEqual([nameless]);
        expect(await popup.attributes('[data-cookie=""]', 'aria-label')).toEqual([nameless]);
        await showFindings(popup);
        await popup.waitFor('[data-finding-cookie=""] .nameless');
        expect(new Set(await popup.texts('[data-finding-cookie=""] .nameless'))).toEqual(new Set([nameless]));
        expect(await popup.innerHtml('main')).not.toContain('value_without_a_name');
      } else {
        await popup.waitFor(`[data-cookie="${unnamed}"]`);
        expect(await popup.texts(`[data-cookie="${unnamed}"] code.name`)).toEqual([unnamed]);
        expect(await popup.texts('.nameless')).toEqual([]);
      }

      // Its row, its finding and its timeline's events show each paragraph separator (and every
      // character that shows nothing) as its code (core/cookies/nameless.ts): it ends no paragraph.
      const coded = visibleCookieName(paragraphBreaker);
      expect(coded).toContain(browser.name === 'firefox' ? '<U+0085>' : '<U+2029>');
      await popup.waitFor(`[data-cookie="${paragraphBreaker}"]`);
      // Folded when there are more than six findings (the three hostile cookies bring as many).
      await showFindings(popup);
      const findingNames = await popup.texts(`[data-finding-cookie="${paragraphBreaker}"] code`);
      expect(findingNames.length).toBeGreaterThan(0);
      expect(new Set(findingNames)).toEqual(new Set([coded]));
      expect(await popup.texts(`[data-cookie="${paragraphBreaker}"] .name`)).toEqual([coded]);
      await popup.click('#tab-timeline');
      await popup.waitFor(`[data-cookie-event="${paragraphBreaker}"]`);
      expect(await popup.texts(`[data-cookie-event="${paragraphBreaker}"] code`)).toEqual([coded]);
      await site.close();
      await api.close();
      await popup.close();
    });

    it('tells two cookies of one name apart by their paths', async () => {
      const host = 'demo.huwise.com';
      const browser = ctx.browser();
      // The demo's /same-name/ page sets `same_name` for the whole site and for its own path (scripts/demo-portal/server.ts).
      const site = await browser.newPage();
      await site.goto(`http://${host}/same-name/`);
      const api = await extensionPage(browser);
      await waitForReport(api, host, (r) => r.cookies.filter((c) => c.name === 'same_name' && !c.removed).length === 2);
      const popup = await openPopup(browser, host);
      await popup.waitFor('[data-cookie="same_name"] .path');
      expect(await popup.texts('[data-cookie="same_name"] .name')).toEqual(['same_name', 'same_name']);
      // The site's own path says nothing; the narrower one is said beside the domain.
      expect(await popup.texts('[data-cookie="same_name"] .path')).toEqual(['Path=/same-name/']);
      await site.close();
      await api.close();
      await popup.close();
    });

    it('offers to see cookies of embedded content: nothing of it is granted at install', async () => {
      await (await visitPortal(ctx.browser(), host)).close();
      const popup = await openPopup(ctx.browser(), host);
      await popup.waitFor('[data-embedded-access="offered"] button');
      const api = await extensionPage(ctx.browser());
      const granted = await grantedPermissions(api);
      expect(granted.permissions).not.toContain('webRequest');
      expect(granted.origins).not.toContain('*://*/*');
      await Promise.all([popup.close(), api.close()]);
    });

    it('has no accessibility violations (axe-core), and is saved as screenshots in both themes', async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await (await visitPortal(ctx.browser(), host)).close();
      for (const theme of ['light', 'dark']) {
        const popup = await openPopup(ctx.browser(), host, `&theme=${theme}`);
        await popup.setViewport(460, 900);
        await popup.waitFor(seenRow('sessionid'));
        await popup.waitFor('[data-embedded-access="offered"]');
        expect(await axeViolations(popup)).toEqual([]);
        await popup.screenshot(`${SCREENSHOT_DIR}/${ctx.browser().name}-${theme}.png`);
        await popup.close();
      }
    });
  });
}
