import type * as parts from './later-parts.ts';
import { LATER_PARTS_SCRIPT } from '../core/later-parts-file.ts';
import { loadedScript } from '../platform/worker-scripts.ts';

/** What the worker's second script gives it (later-parts.ts). */
export type LaterParts = typeof parts;

/**
 * The worker's second script, loaded the first time it is asked for after a wake (imported in
 * Chrome's service worker, added to Firefox's event page); rejects, saying why, when it cannot be.
 */
export const laterParts = (): Promise<LaterParts> => loadedScript<LaterParts>(LATER_PARTS_SCRIPT);
