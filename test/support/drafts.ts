import type { CharterDraft, DraftRow } from '../../src/core/draft/draft-types.ts';

/** A draft row of the charter's own words for `cookie`, a necessary Huwise cookie unless overridden. */
export const draftRow = (cookie: string, overrides: Partial<DraftRow['entry']> = {}, marks: DraftRow['marks'] = []): DraftRow => ({
  entry: {
    provider: 'Huwise',
    service: null,
    cookie,
    match: 'exact',
    purpose: 'Se souvenir',
    duration: '12 mois',
    category: 'necessary',
    ...overrides,
  },
  marks,
  source: 'charter',
  statedDuration: null,
});

/** A draft of the demo portal's live charter holding `rows`. */
export const charterDraft = (rows: DraftRow[], overrides: Partial<CharterDraft> = {}): CharterDraft => ({
  host: 'demo.opendatasoft.com',
  language: 'fr',
  generatedAt: Date.UTC(2026, 11, 1),
  consents: ['accepted'],
  charterKind: 'live',
  rows,
  setAside: [],
  notes: [],
  ...overrides,
});
