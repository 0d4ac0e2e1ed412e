/**
 * Whether a charter file is whole in the encoding it is read in: the core tolerates a few bad
 * characters in a live page, but a charter saved as Latin-1 and read as UTF-8 loses its accented
 * words (a French header's "Durée", "Finalité") and reads as one with no cookie table. The charter
 * CLI and the audit's `--charter` say it in the same words.
 */
import { pageEncoding } from '../../src/core/charter/index.ts';

/** True when `bytes` decode in `encoding` without a single bad sequence. */
function decodesWhole(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** An encoding as people name it: `utf-16le` is UTF-16, whose byte order mark says which. */
const encodingName = (encoding: string): string => (encoding.startsWith('utf-16') ? 'UTF-16' : encoding.toUpperCase());

/**
 * Why a file's bytes are not whole in the encoding they are read in, or null when they are: a text
 * file (`contentType` null) is UTF-8; a saved page is in its byte order mark's encoding, else its
 * <meta charset>'s, else UTF-8 (as readCharterFile decodes it).
 */
export function encodingProblem(bytes: Uint8Array, contentType: string | null): string | null {
  const encoding = contentType === null ? 'utf-8' : pageEncoding(null, bytes);
  if (decodesWhole(bytes, encoding)) return null;
  if (encoding === 'utf-8') return 'not valid UTF-8 (as a charter saved as Latin-1 or Windows-1252 is): save the charter as UTF-8';
  const says = bytes[0] === 0xfe || bytes[0] === 0xff ? 'its byte order mark says' : 'its <meta charset> says';
  return `not valid ${encodingName(encoding)} (as ${says} it is): save the charter as UTF-8`;
}
