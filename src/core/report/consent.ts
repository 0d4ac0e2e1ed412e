/**
 * The visitor's consent choice, read best-effort from the platform's `cookies_preferences`
 * cookie. Its value format is not published, so every reader here is a guess that fails soft:
 * a value we cannot read means "a choice was recorded" (`choice`), never an error.
 * The value is read in memory and dropped; only the decoded state is kept.
 */

/** Name of the platform cookie that holds the visitor's choice. */
export const CONSENT_COOKIE = 'cookies_preferences';

/** What the visitor chose, as far as we can tell. */
export type ConsentState = 'none' | 'accepted' | 'refused' | 'choice';

/**
 * The phase a cookie event happens in; 'unknown' for a cookie found already there by a scan
 * after a choice was made (it may have been set before or after it).
 */
export type Phase = 'before-choice' | 'after-accept' | 'after-refuse' | 'after-choice' | 'unknown';

/** The phase that follows a consent state. */
export function phaseOf(state: ConsentState): Phase {
  switch (state) {
    case 'none':
      return 'before-choice';
    case 'accepted':
      return 'after-accept';
    case 'refused':
      return 'after-refuse';
    case 'choice':
      return 'after-choice';
  }
}

const YES = new Set(['true', '1', 'yes', 'on', 'accept', 'accepted', 'allow', 'allowed', 'granted', 'all', 'oui']);
const NO = new Set(['false', '0', 'no', 'off', 'refuse', 'refused', 'deny', 'denied', 'reject', 'rejected', 'none', 'non']);

/** Collects the yes/no answers found anywhere in a decoded value. */
function collectAnswers(value: unknown, answers: boolean[], depth = 0): void {
  if (depth > 8 || answers.length > 200) return;
  if (typeof value === 'boolean') answers.push(value);
  else if (typeof value === 'number') answers.push(value !== 0);
  else if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (YES.has(word)) answers.push(true);
    else if (NO.has(word)) answers.push(false);
  } else if (Array.isArray(value)) {
    for (const item of value) collectAnswers(item, answers, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectAnswers(item, answers, depth + 1);
  }
}

/** Decodes percent-encoding and base64 layers that consent cookies commonly wear. */
function unwrap(raw: string): string[] {
  const layers = [raw];
  try {
    layers.push(decodeURIComponent(raw));
  } catch {
    // Not percent-encoded: keep the raw text.
  }
  for (const layer of [...layers]) {
    if (/^[A-Za-z0-9+/=_-]{8,}$/.test(layer)) {
      try {
        layers.push(atob(layer.replace(/-/g, '+').replace(/_/g, '/')));
      } catch {
        // Not base64.
      }
    }
  }
  return layers;
}

/**
 * Reads a choice from the cookie's value: JSON (`{"matomo":true}`), key-value lists
 * (`ga:1,matomo:0`, `matomo=false`) or a bare word (`accepted`). Every tool accepted = accepted;
 * every tool refused = refused; a mix, or anything unreadable = choice.
 */
export function decodeConsent(value: string | undefined): ConsentState {
  if (value === undefined) return 'choice';
  const answers: boolean[] = [];
  for (const layer of unwrap(value.slice(0, 4096))) {
    try {
      collectAnswers(JSON.parse(layer), answers);
    } catch {
      for (const part of layer.split(/[,;&|]/)) collectAnswers(part.split(/[:=]/).pop() ?? '', answers);
    }
    if (answers.length > 0) break;
  }
  if (answers.length === 0) return 'choice';
  if (answers.every(Boolean)) return 'accepted';
  if (answers.every((answer) => !answer)) return 'refused';
  return 'choice';
}
