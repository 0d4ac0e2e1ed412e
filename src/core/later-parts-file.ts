/**
 * The worker's second script in the package (src/background/later-parts.ts): the file
 * scripts/classic-worker.ts builds and names in the manifest, and the global it defines.
 */
export const LATER_PARTS_SCRIPT = { file: 'later-parts.js', global: 'cookieCharterInspectorLaterParts' } as const;
