// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { ExportPanel } from '../../src/views/ExportPanel.tsx';
import type { ExportFormat } from '../../src/core/report/export.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

describe('ExportPanel', () => {
  it('exports JSON by default, in the format picked after, and says what it did', async () => {
    const exportReport = vi.fn(async (format: ExportFormat) => ({
      filename: `report.${format}`,
      mimeType: 'text/plain',
      text: `as ${format}`,
    }));
    const download = vi.fn();
    const copy = vi.fn(async () => undefined);
    const { container } = render(<ExportPanel exportReport={exportReport} download={download} copy={copy} t={t} />);
    fireEvent.click(container.querySelector('[data-action="download"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('downloaded report.json'));
    expect(download).toHaveBeenCalledWith({ filename: 'report.json', mimeType: 'text/plain', text: 'as json' });

    fireEvent.change(container.querySelector('input[value="csv"]')!);
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('copied'));
    expect(copy).toHaveBeenCalledWith('as csv');
  });

  it('says why an export failed', async () => {
    const { container } = render(
      <ExportPanel exportReport={async () => Promise.reject(new Error('No access'))} download={vi.fn()} copy={vi.fn()} t={t} />,
    );
    fireEvent.click(container.querySelector('[data-action="copy"]')!);
    await waitFor(() => expect(container.querySelector('[data-export-status]')?.textContent).toBe('exportFailed No access'));
  });
});
