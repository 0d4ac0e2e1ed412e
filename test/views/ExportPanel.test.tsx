// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { portalView } from '../support/reports.ts';
import { renderApp } from '../support/render-app.tsx';
import type { ExportedFile } from '../../src/core/report/export.ts';
import { ExportPanel, keptExports } from '../../src/views/ExportPanel.tsx';
import type { ExportFormat } from '../../src/core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../../src/core/draft/draft-formats.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

describe('ExportPanel', () => {
  it('exports JSON by default, in the format picked after, and says what it did', async () => {
    const exportReport = vi.fn(async (format: ExportFormat | CharterDraftFormat) => ({
      filename: `report.${format}`,
      mimeType: 'text/plain',
      text: `as ${format}`,
    }));
    const download = vi.fn();
    const copy = vi.fn(async () => undefined);
    const { container } = render(<ExportPanel exportReport={exportReport} download={download} copy={copy} draftLanguage="fr" t={t} />);
    fireEvent.click(container.querySelector('[data-action="download"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('downloaded report.json'));
    expect(download).toHaveBeenCalledWith({ filename: 'report.json', mimeType: 'text/plain', text: 'as json' });

    fireEvent.change(container.querySelector('input[value="csv"]')!);
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('copied'));
    expect(copy).toHaveBeenCalledWith('as csv');
  });

  it('heads the charter draft a level below the tab panel’s own heading (TabPanels: an h2)', () => {
    const { container } = render(<ExportPanel exportReport={vi.fn()} download={vi.fn()} copy={vi.fn()} draftLanguage="fr" t={t} />);
    expect(container.querySelector('h2')).toBeNull();
    expect(container.querySelector('[data-draft]')?.getAttribute('aria-labelledby')).toBe('draft-title');
    expect(container.querySelector('#draft-title')?.tagName).toBe('H3');
  });

  it('says what the draft is and what to check in it, in French as a French reader writes it', () => {
    const note = (language: 'en' | 'fr') => {
      const { container } = render(
        <ExportPanel exportReport={vi.fn()} download={vi.fn()} copy={vi.fn()} draftLanguage="fr" t={localeTranslate(language)} />,
      );
      // Spaces that must not break read as spaces: the wording is checked here, the typography in ui-strings.test.ts.
      const said = container.querySelector('[data-draft] p.muted')?.textContent?.replace(/[\u00a0\u202f]/g, ' ');
      cleanup();
      return said;
    };
    expect(note('fr')).toBe(
      'Un projet conforme au modèle de la plateforme, établi d’après ce qui a été enregistré ici : les cookies absents de la charte ' +
        'sont ajoutés ; les entrées non vues et les durées plus longues que celles déclarées sont signalées à vérifier. ' +
        'Relisez-le avant de publier.',
    );
    expect(note('en')).toContain('cookies not in the charter are added; entries not seen and lifetimes longer than declared are marked');
  });

  it('says why an export failed', async () => {
    const { container } = render(
      <ExportPanel
        exportReport={async () => Promise.reject(new Error('No access'))}
        download={vi.fn()}
        copy={vi.fn()}
        draftLanguage="en"
        t={t}
      />,
    );
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('exportFailed No access'));
    expect(container.querySelector('[data-export-status]')?.classList.contains('error')).toBe(true);
  });

  it('says an export is being made until it is, and makes it once however often it is asked', async () => {
    const answers: Array<() => void> = [];
    const exportReport = vi.fn(
      (format: ExportFormat | CharterDraftFormat) =>
        new Promise<{ filename: string; mimeType: string; text: string }>((resolve) =>
          answers.push(() => resolve({ filename: `f.${format}`, mimeType: 'text/plain', text: format })),
        ),
    );
    const download = vi.fn();
    const { container } = render(<ExportPanel exportReport={exportReport} download={download} copy={vi.fn()} draftLanguage="en" t={t} />);
    const status = container.querySelector('[data-export-status]')!;
    const buttons = (...actions: string[]) => actions.map((action) => container.querySelector(`[data-action="${action}"]`)!);
    fireEvent.click(buttons('download')[0]!);
    expect(status.getAttribute('data-export-status')).toBe('busy');
    expect(status.textContent).toBe(' exportBusy');
    expect(status.querySelector('.spinner')?.getAttribute('aria-hidden')).toBe('true');
    for (const button of buttons('download', 'copy')) {
      expect(button.getAttribute('aria-disabled')).toBe('true');
      fireEvent.click(button);
    }
    expect(exportReport).toHaveBeenCalledTimes(1);
    // The draft is another action: it is not held up.
    expect(buttons('draft-download', 'draft-copy').map((button) => button.hasAttribute('aria-disabled'))).toEqual([false, false]);

    answers[0]!();
    await waitFor(() => expect(status.textContent).toBe('downloaded f.json'));
    // The same live region throughout: one inserted with its text is often not announced.
    expect(container.querySelector('[data-export-status]')).toBe(status);
    expect(buttons('download', 'copy').map((button) => button.hasAttribute('aria-disabled'))).toEqual([false, false]);
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('drafts a corrected charter: Markdown in the language given at first, or the format and language picked, downloaded or copied', async () => {
    const exportReport = vi.fn(async (format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => ({
      filename: `draft-${language}.${format}`,
      mimeType: 'text/plain',
      text: `${format} in ${language}`,
    }));
    const download = vi.fn();
    const copy = vi.fn(async () => undefined);
    const { container } = render(<ExportPanel exportReport={exportReport} download={download} copy={copy} draftLanguage="fr" t={t} />);
    expect(container.querySelector('[data-draft] h3')?.textContent).toBe('draftTitle');
    expect((container.querySelector('input[name="draft-language"][value="fr"]') as HTMLInputElement).checked).toBe(true);
    expect(container.querySelector('input[value="en"]')?.closest('label')?.getAttribute('lang')).toBe('en');

    fireEvent.click(container.querySelector('[data-action="draft-download"]')!);
    await waitFor(() => expect(container.querySelector('[data-draft-status]')?.textContent).toBe('downloaded draft-fr.charter-markdown'));
    expect(exportReport).toHaveBeenLastCalledWith('charter-markdown', 'fr');
    // The report's own status line is not the draft's.
    expect(container.querySelector('[data-export-status]')?.getAttribute('data-export-status')).toBe('idle');
    expect(container.querySelector('[data-export-status]')?.textContent).toBe('');

    fireEvent.change(container.querySelector('input[value="charter-html"]')!);
    fireEvent.change(container.querySelector('input[value="en"]')!);
    fireEvent.click(container.querySelector('[data-action="draft-copy"]')!);
    await waitFor(() => expect(container.querySelector('[data-draft-status]')?.textContent).toBe('copied'));
    expect(exportReport).toHaveBeenLastCalledWith('charter-html', 'en');
    expect(copy).toHaveBeenCalledWith('charter-html in en');
  });

  it('follows the charter’s language as it becomes known, until a language is picked', () => {
    const props = { exportReport: vi.fn(), download: vi.fn(), copy: vi.fn(), t };
    const checked = () => (container.querySelector('input[name="draft-language"]:checked') as HTMLInputElement).value;
    const { container, rerender } = render(<ExportPanel {...props} draftLanguage="en" />);
    expect(checked()).toBe('en');
    // A French live charter read while the tab is open.
    rerender(<ExportPanel {...props} draftLanguage="fr" />);
    expect(checked()).toBe('fr');
    fireEvent.change(container.querySelector('input[value="en"]')!);
    expect(checked()).toBe('en');
    // Picked: kept, whatever the charter says after.
    rerender(<ExportPanel {...props} draftLanguage="fr" />);
    expect(checked()).toBe('en');
  });

  it('says why a draft failed', async () => {
    const { container } = render(
      <ExportPanel
        exportReport={async () => Promise.reject(new Error('worker gone'))}
        download={vi.fn()}
        copy={vi.fn()}
        draftLanguage="en"
        t={t}
      />,
    );
    fireEvent.click(container.querySelector('[data-action="draft-download"]')!);
    await waitFor(() => expect(container.querySelector('[data-draft-status]')?.textContent).toBe('exportFailed worker gone'));
    expect(container.querySelector('[data-draft-status]')?.getAttribute('data-draft-status')).toBe('failed');
  });
});

describe('ExportPanel across a switch of tab', () => {
  beforeAll(preloadViews);

  /** The popup on the Export tab, each export waiting for the test to end it (`exports`, in order). */
  async function exportTab() {
    const exports: Array<{ done: (file: ExportedFile) => void; fail: (error: Error) => void }> = [];
    const exportReport = vi.fn(() => new Promise<ExportedFile>((done, fail) => exports.push({ done, fail })));
    const download = vi.fn();
    const rendered = renderApp({ loadSite: async () => portalView(['sessionid']), exportReport, download, layout: 'narrow' });
    const { container } = rendered;
    await waitFor(() => expect(container.querySelector('#tab-export')).not.toBeNull());
    const showExport = async () => {
      fireEvent.click(container.querySelector('#tab-export')!);
      await waitFor(() => expect(container.querySelector('[data-action="copy"]')).not.toBeNull());
    };
    await showExport();
    const away = () => fireEvent.click(container.querySelector('#tab-cookies')!);
    const status = (name: 'export' | 'draft') => container.querySelector(`[data-${name}-status]`)!;
    return { container, exports, exportReport, download, showExport, away, status };
  }

  it('keeps an export under way: still busy when the tab is shown again, a second press starts none, and its failure is said', async () => {
    const { container, exports, exportReport, showExport, away, status } = await exportTab();
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    expect(status('export').getAttribute('data-export-status')).toBe('busy');
    away();
    await showExport();
    expect(status('export').getAttribute('data-export-status')).toBe('busy');
    expect(container.querySelector('[data-action="copy"]')!.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    expect(exportReport).toHaveBeenCalledTimes(1);
    await act(async () => exports[0]!.fail(new Error('QUOTA')));
    await waitFor(() => expect(status('export').getAttribute('data-export-status')).toBe('failed'));
    expect(status('export').textContent).toContain('QUOTA');
  });

  it('says what came of an export that ended while another tab was shown, the draft’s apart', async () => {
    const { container, exports, download, showExport, away, status } = await exportTab();
    fireEvent.click(container.querySelector('[data-action="download"]')!);
    fireEvent.click(container.querySelector('[data-action="draft-download"]')!);
    expect(status('draft').getAttribute('data-draft-status')).toBe('busy');
    away();
    await act(async () => exports[0]!.done({ filename: 'report.json', mimeType: 'application/json', text: '{}' }));
    expect(download).toHaveBeenCalledTimes(1);
    await showExport();
    expect(status('export').getAttribute('data-export-status')).toBe('done');
    expect(status('export').textContent).toContain('report.json');
    expect(status('draft').getAttribute('data-draft-status')).toBe('busy');
    await act(async () => exports[1]!.done({ filename: 'charter.md', mimeType: 'text/markdown', text: '#' }));
    expect(status('draft').getAttribute('data-draft-status')).toBe('done');
  });
});

describe('ExportPanel: what it keeps of each site', () => {
  /** The panel for `site`, each export waiting for the test to end it (`exports`, in order). */
  const exports: Array<(file: ExportedFile) => void> = [];
  const exportReport = () => new Promise<ExportedFile>((done) => exports.push(done));
  const panel = (site: string) => (
    <ExportPanel site={site} exportReport={exportReport} download={() => undefined} copy={async () => undefined} t={t} />
  );
  const status = (container: Element) => container.querySelector('[data-export-status]')!;

  it('keeps nothing for a site whose Export tab was only shown (2,000 sites)', () => {
    const before = keptExports();
    const { rerender, unmount } = render(panel('site:0|h0.re'));
    for (let i = 1; i < 2000; i++) rerender(panel(`site:0|h${i}.re`));
    expect(keptExports()).toBe(before);
    unmount();
    expect(keptExports()).toBe(before);
  });

  it('keeps a site’s export from its start until its outcome was shown, and none of it for another site', async () => {
    const before = keptExports();
    const { container, rerender, unmount } = render(panel('site:0|a.re'));
    fireEvent.click(container.querySelector('[data-action="download"]')!);
    expect(keptExports()).toBe(before + 1);
    // Another site, or the same host in another cookie store: nothing under way there.
    rerender(panel('site:private|a.re'));
    expect(status(container).getAttribute('data-export-status')).toBe('idle');
    unmount();
    // Ended while no panel was shown: kept until one shows it.
    await act(async () => exports.at(-1)!({ filename: 'a.json', mimeType: 'application/json', text: '{}' }));
    expect(keptExports()).toBe(before + 1);
    const shown = render(panel('site:0|a.re'));
    expect(status(shown.container).getAttribute('data-export-status')).toBe('done');
    expect(status(shown.container).textContent).toContain('a.json');
    shown.unmount();
    expect(keptExports()).toBe(before);
  });

  it('forgets an outcome once shown even while the other export is still under way', async () => {
    const before = keptExports();
    const first = render(panel('site:0|b.re'));
    fireEvent.click(first.container.querySelector('[data-action="download"]')!);
    await act(async () => exports.at(-1)!({ filename: 'b.json', mimeType: 'application/json', text: '{}' }));
    expect(status(first.container).textContent).toContain('b.json');
    // The draft under way keeps the site's exports; the report's outcome was shown.
    fireEvent.click(first.container.querySelector('[data-action="draft-download"]')!);
    first.unmount();
    const again = render(panel('site:0|b.re'));
    expect(status(again.container).getAttribute('data-export-status')).toBe('idle');
    expect(again.container.querySelector('[data-action="draft-download"]')!.getAttribute('aria-disabled')).toBe('true');
    await act(async () => exports.at(-1)!({ filename: 'b.md', mimeType: 'text/markdown', text: '' }));
    again.unmount();
    expect(keptExports()).toBe(before);
  });
});
