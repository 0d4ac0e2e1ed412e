import { useState } from 'preact/hooks';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { Translate } from '../core/ui-strings.ts';

type ExportPanelProps = {
  /** The report as a file in a format. */
  exportReport: (format: ExportFormat) => Promise<ExportedFile>;
  /** Saves a file. */
  download: (file: ExportedFile) => void;
  /** Copies text. */
  copy: (text: string) => Promise<void>;
  /** UI strings. */
  t: Translate;
};

const FORMATS: Array<{ id: ExportFormat; label: string }> = [
  { id: 'json', label: 'JSON' },
  { id: 'markdown', label: 'Markdown' },
  { id: 'csv', label: 'CSV' },
];

/** Export the report: pick a format, then download it or copy it. */
export function ExportPanel({ exportReport, download, copy, t }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [status, setStatus] = useState<string | null>(null);

  const run = (action: 'download' | 'copy') => {
    setStatus(null);
    exportReport(format)
      .then(async (file) => {
        if (action === 'download') {
          download(file);
          setStatus(t('downloaded', file.filename));
        } else {
          await copy(file.text);
          setStatus(t('copied'));
        }
      })
      .catch((error: unknown) => setStatus(t('exportFailed', error instanceof Error ? error.message : String(error))));
  };

  return (
    <div class="export">
      <fieldset>
        <legend>{t('exportFormat')}</legend>
        {FORMATS.map(({ id, label }) => (
          <label key={id} class="radio">
            <input type="radio" name="format" value={id} checked={format === id} onChange={() => setFormat(id)} /> {label}
          </label>
        ))}
      </fieldset>
      <p>
        <button type="button" class="primary" data-action="download" onClick={() => run('download')}>
          {t('download')}
        </button>{' '}
        <button type="button" data-action="copy" onClick={() => run('copy')}>
          {t('copy')}
        </button>
      </p>
      {status && (
        <p role="status" class="small" data-export-status>
          {status}
        </p>
      )}
      <p class="muted small">{t('exportNote')}</p>
    </div>
  );
}
