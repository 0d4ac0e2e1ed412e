import { useState } from 'preact/hooks';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../core/draft/draft-formats.ts';
import type { Translate } from '../core/ui-strings.ts';

type ExportPanelProps = {
  /** The report as a file in a format, or a charter drafted from it in a language (the worker builds both). */
  exportReport: (format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => Promise<ExportedFile>;
  /** Saves a file. */
  download: (file: ExportedFile) => void;
  /** Copies text. */
  copy: (text: string) => Promise<void>;
  /** The language a charter draft is written in unless another is picked: the charter's, else the interface's (English when not given). */
  draftLanguage?: DraftLanguage;
  /** UI strings. */
  t: Translate;
};

const FORMATS: Array<{ id: ExportFormat; label: string }> = [
  { id: 'json', label: 'JSON' },
  { id: 'markdown', label: 'Markdown' },
  { id: 'csv', label: 'CSV' },
];

/** Named with their file's extension: the draft is a file to edit, and the report's own Markdown is beside it. */
const DRAFT_FORMATS: Array<{ id: CharterDraftFormat; label: string }> = [
  { id: 'charter-markdown', label: 'Markdown (.md)' },
  { id: 'charter-html', label: 'HTML (.html)' },
];

/** Each language named in itself, as language pickers do. */
const DRAFT_LANGUAGES: Array<{ id: DraftLanguage; label: string }> = [
  { id: 'fr', label: 'Français' },
  { id: 'en', label: 'English' },
];

/**
 * Export the report (pick a format, then download it or copy it), or draft a corrected charter
 * from it the same way, in French or English.
 */
export function ExportPanel({ exportReport, download, copy, draftLanguage = 'en', t }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [status, setStatus] = useState<string | null>(null);
  const [draftFormat, setDraftFormat] = useState<CharterDraftFormat>('charter-markdown');
  const [language, setLanguage] = useState<DraftLanguage>(draftLanguage);
  const [draftStatus, setDraftStatus] = useState<string | null>(null);

  const run = (file: () => Promise<ExportedFile>, action: 'download' | 'copy', say: (status: string | null) => void) => {
    say(null);
    file()
      .then(async (exported) => {
        if (action === 'download') {
          download(exported);
          say(t('downloaded', exported.filename));
        } else {
          await copy(exported.text);
          say(t('copied'));
        }
      })
      .catch((error: unknown) => say(t('exportFailed', error instanceof Error ? error.message : String(error))));
  };
  const report = (action: 'download' | 'copy') => run(() => exportReport(format), action, setStatus);
  const draft = (action: 'download' | 'copy') => run(() => exportReport(draftFormat, language), action, setDraftStatus);

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
        <button type="button" class="primary" data-action="download" onClick={() => report('download')}>
          {t('download')}
        </button>{' '}
        <button type="button" data-action="copy" onClick={() => report('copy')}>
          {t('copy')}
        </button>
      </p>
      {status && (
        <p role="status" class="small" data-export-status>
          {status}
        </p>
      )}
      <p class="muted small">{t('exportNote')}</p>

      <section class="draft" aria-labelledby="draft-title" data-draft>
        <h2 id="draft-title">{t('draftTitle')}</h2>
        <p class="muted small">{t('draftNote')}</p>
        <fieldset>
          <legend>{t('exportFormat')}</legend>
          {DRAFT_FORMATS.map(({ id, label }) => (
            <label key={id} class="radio">
              <input type="radio" name="draft-format" value={id} checked={draftFormat === id} onChange={() => setDraftFormat(id)} /> {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('draftLanguage')}</legend>
          {DRAFT_LANGUAGES.map(({ id, label }) => (
            <label key={id} class="radio" lang={id}>
              <input type="radio" name="draft-language" value={id} checked={language === id} onChange={() => setLanguage(id)} /> {label}
            </label>
          ))}
        </fieldset>
        <p>
          <button type="button" class="primary" data-action="draft-download" onClick={() => draft('download')}>
            {t('draftDownload')}
          </button>{' '}
          <button type="button" data-action="draft-copy" onClick={() => draft('copy')}>
            {t('draftCopy')}
          </button>
        </p>
        {draftStatus && (
          <p role="status" class="small" data-draft-status>
            {draftStatus}
          </p>
        )}
      </section>
    </div>
  );
}
