import { useState } from 'preact/hooks';
import type { ExportFormat, ExportedFile } from '../core/report/export.ts';
import type { CharterDraftFormat, DraftLanguage } from '../core/draft/draft-formats.ts';
import type { Translate } from '../core/ui-strings.ts';
import { problemText } from './problem-text.ts';

type ExportPanelProps = {
  /** The report as a file in a format, or a charter drafted from it in a language (the worker builds both). */
  exportReport: (format: ExportFormat | CharterDraftFormat, language?: DraftLanguage) => Promise<ExportedFile>;
  /** Saves a file. */
  download: (file: ExportedFile) => void;
  /** Copies text. */
  copy: (text: string) => Promise<void>;
  /** The language a charter draft is written in until another is picked, followed as it changes: the charter's, else the interface's (English when not given). */
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

/** Where an export is: being made (busy), then what was done with it or why it failed. */
type ExportProgress = { state: 'idle' } | { state: 'busy' } | { state: 'done' | 'failed'; text: string };

/**
 * An export's status line, always in the document with only its text changing: a live region
 * inserted with its text is often not announced. `data-<name>-status` says its state.
 */
function ExportStatus({ name, progress, t }: { name: 'export' | 'draft'; progress: ExportProgress; t: Translate }) {
  return (
    <p role="status" class={progress.state === 'failed' ? 'small error' : 'small'} {...{ [`data-${name}-status`]: progress.state }}>
      {progress.state === 'busy' ? (
        <>
          <span class="spinner" aria-hidden="true" /> {t('exportBusy')}
        </>
      ) : progress.state === 'idle' ? null : (
        progress.text
      )}
    </p>
  );
}

/**
 * Export the report (pick a format, then download it or copy it), or draft a corrected charter
 * from it the same way, in French or English.
 */
export function ExportPanel({ exportReport, download, copy, draftLanguage = 'en', t }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [status, setStatus] = useState<ExportProgress>({ state: 'idle' });
  const [draftFormat, setDraftFormat] = useState<CharterDraftFormat>('charter-markdown');
  // The charter's language until the person picks one: a live charter read while the tab is open changes it.
  const [pickedLanguage, setLanguage] = useState<DraftLanguage | null>(null);
  const language = pickedLanguage ?? draftLanguage;
  const [draftStatus, setDraftStatus] = useState<ExportProgress>({ state: 'idle' });

  const run = (busy: boolean, file: () => Promise<ExportedFile>, action: 'download' | 'copy', say: (progress: ExportProgress) => void) => {
    // The buttons are aria-disabled while busy (focus stays on the one pressed): a press then does nothing.
    if (busy) return;
    say({ state: 'busy' });
    file()
      .then(async (exported) => {
        if (action === 'download') {
          download(exported);
          say({ state: 'done', text: t('downloaded', exported.filename) });
        } else {
          await copy(exported.text);
          say({ state: 'done', text: t('copied') });
        }
      })
      .catch((error: unknown) => say({ state: 'failed', text: t('exportFailed', problemText(error, t)) }));
  };
  const reportBusy = status.state === 'busy';
  const draftBusy = draftStatus.state === 'busy';
  const report = (action: 'download' | 'copy') => run(reportBusy, () => exportReport(format), action, setStatus);
  const draft = (action: 'download' | 'copy') => run(draftBusy, () => exportReport(draftFormat, language), action, setDraftStatus);

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
        <button
          type="button"
          class="primary"
          data-action="download"
          aria-disabled={reportBusy ? 'true' : undefined}
          onClick={() => report('download')}
        >
          {t('download')}
        </button>{' '}
        <button type="button" data-action="copy" aria-disabled={reportBusy ? 'true' : undefined} onClick={() => report('copy')}>
          {t('copy')}
        </button>
      </p>
      <ExportStatus name="export" progress={status} t={t} />
      <p class="muted small">{t('exportNote')}</p>

      <section class="draft" aria-labelledby="draft-title" data-draft>
        <h3 id="draft-title">{t('draftTitle')}</h3>
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
          <button
            type="button"
            class="primary"
            data-action="draft-download"
            aria-disabled={draftBusy ? 'true' : undefined}
            onClick={() => draft('download')}
          >
            {t('draftDownload')}
          </button>{' '}
          <button type="button" data-action="draft-copy" aria-disabled={draftBusy ? 'true' : undefined} onClick={() => draft('copy')}>
            {t('draftCopy')}
          </button>
        </p>
        <ExportStatus name="draft" progress={draftStatus} t={t} />
      </section>
    </div>
  );
}
