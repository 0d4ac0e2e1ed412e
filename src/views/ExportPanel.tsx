import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  /** The site's record key: its exports, under way or done, outlive this panel (none: they are the panel's own). */
  site?: string;
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

/** A site's two exports (the report's, the draft's), and how to show a change in the panel shown, if any. */
type Exports = { report: ExportProgress; draft: ExportProgress; show?: (() => void) | undefined };

/**
 * Each site's exports in this page, by its record's key: kept apart from the panel, which goes at
 * each switch of tab, so that an export under way is not forgotten (started again, its outcome
 * never said), as ReportView keeps a consent-flow recording's. Only from an export's start, and
 * only until a panel that showed its outcome goes: a site whose tab was only shown keeps nothing.
 */
const exportsOf = new Map<string, Exports>();
const noExports = (): Exports => ({ report: { state: 'idle' }, draft: { state: 'idle' } });

/** How many sites' exports are kept (for tests: none but those under way or not yet shown). */
export const keptExports = () => exportsOf.size;

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

/** A fieldset of radio buttons, one per choice (`lang` names a choice written in its own language). */
function Choices<Id extends string>(props: {
  legend: string;
  name: string;
  choices: Array<{ id: Id; label: string }>;
  picked: Id;
  pick: (id: Id) => void;
  labelsInTheirLanguage?: boolean;
}) {
  const { legend, name, choices, picked, pick, labelsInTheirLanguage = false } = props;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map(({ id, label }) => (
        <label key={id} class="radio" lang={labelsInTheirLanguage ? id : undefined}>
          <input type="radio" name={name} value={id} checked={picked === id} onChange={() => pick(id)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Download and copy, side by side; `data-action` is `<prefix>download` and `<prefix>copy`. While
 * busy they are aria-disabled, not disabled, so focus stays on the one pressed.
 */
function DownloadAndCopy(props: {
  prefix: '' | 'draft-';
  busy: boolean;
  labels: [string, string];
  act: (action: 'download' | 'copy') => void;
}) {
  const { prefix, busy, labels, act } = props;
  const disabled = busy ? 'true' : undefined;
  return (
    <p>
      <button type="button" class="primary" data-action={`${prefix}download`} aria-disabled={disabled} onClick={() => act('download')}>
        {labels[0]}
      </button>{' '}
      <button type="button" data-action={`${prefix}copy`} aria-disabled={disabled} onClick={() => act('copy')}>
        {labels[1]}
      </button>
    </p>
  );
}

/**
 * Export the report (pick a format, then download it or copy it), or draft a corrected charter
 * from it the same way, in French or English.
 */
export function ExportPanel({ exportReport, download, copy, site, draftLanguage = 'en', t }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  // The panel's own until an export starts: then the site's (and a fresh one is the panel's own,
  // for another site it shows).
  const own = useRef<Exports | null>(null);
  own.current ??= noExports();
  const kept = site === undefined ? undefined : exportsOf.get(site);
  const exports = kept ?? own.current;
  // Shows each change of either while this panel is the one shown.
  const [, setChanges] = useState(0);
  useLayoutEffect(() => {
    const show = () => setChanges((changes) => changes + 1);
    exports.show = show;
    return () => {
      // Unless a panel shown since took it over.
      if (exports.show === show) exports.show = undefined;
      // Its outcomes shown, nothing under way: kept no longer. One under way keeps the site's
      // exports, but not the other's outcome, shown already.
      const busy = exports.report.state === 'busy' || exports.draft.state === 'busy';
      if (site !== undefined && !busy && exportsOf.get(site) === exports) exportsOf.delete(site);
      if (exports.report.state !== 'busy') exports.report = { state: 'idle' };
      if (exports.draft.state !== 'busy') exports.draft = { state: 'idle' };
    };
  }, [exports, site]);
  const { report: status, draft: draftStatus } = exports;
  const setStatus = (progress: ExportProgress) => {
    exports.report = progress;
    exports.show?.();
  };
  const setDraftStatus = (progress: ExportProgress) => {
    exports.draft = progress;
    exports.show?.();
  };
  const [draftFormat, setDraftFormat] = useState<CharterDraftFormat>('charter-markdown');
  // The charter's language until the person picks one: a live charter read while the tab is open changes it.
  const [pickedLanguage, setLanguage] = useState<DraftLanguage | null>(null);
  const language = pickedLanguage ?? draftLanguage;

  const run = (busy: boolean, file: () => Promise<ExportedFile>, action: 'download' | 'copy', say: (progress: ExportProgress) => void) => {
    // The buttons are aria-disabled while busy (focus stays on the one pressed): a press then does nothing.
    if (busy) return;
    if (site !== undefined && !kept) {
      exportsOf.set(site, exports);
      own.current = noExports();
    }
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
  const report = (action: 'download' | 'copy') => run(status.state === 'busy', () => exportReport(format), action, setStatus);
  const draft = (action: 'download' | 'copy') =>
    run(draftStatus.state === 'busy', () => exportReport(draftFormat, language), action, setDraftStatus);

  return (
    <div class="export">
      <Choices legend={t('exportFormat')} name="format" choices={FORMATS} picked={format} pick={setFormat} />
      <DownloadAndCopy prefix="" busy={status.state === 'busy'} labels={[t('download'), t('copy')]} act={report} />
      <ExportStatus name="export" progress={status} t={t} />
      <p class="muted small">{t('exportNote')}</p>

      <section class="draft" aria-labelledby="draft-title" data-draft>
        <h3 id="draft-title">{t('draftTitle')}</h3>
        <p class="muted small">{t('draftNote')}</p>
        <Choices legend={t('exportFormat')} name="draft-format" choices={DRAFT_FORMATS} picked={draftFormat} pick={setDraftFormat} />
        <Choices
          legend={t('draftLanguage')}
          name="draft-language"
          choices={DRAFT_LANGUAGES}
          picked={language}
          pick={setLanguage}
          labelsInTheirLanguage
        />
        <DownloadAndCopy prefix="draft-" busy={draftStatus.state === 'busy'} labels={[t('draftDownload'), t('draftCopy')]} act={draft} />
        <ExportStatus name="draft" progress={draftStatus} t={t} />
      </section>
    </div>
  );
}
