/**
 * Outside text (cookie names, charter text, page text, file names) made safe to print on a
 * terminal. A terminal obeys what it prints: `ESC]0;…BEL` renames the window, `ESC[2J` clears
 * the screen, and bidi controls (U+202E…) make a line read other than it is stored. So:
 *
 * - escape sequences (CSI `ESC[…`, OSC/DCS/PM/APC/SOS strings `ESC]…BEL`, and two-character
 *   `ESC x`) are removed whole, payload included;
 * - any other C0 control, DEL, and the line and paragraph separators become a space (line feeds
 *   are kept when asked, for multi-line output);
 * - C1 controls (U+0080 to U+009F, their 8-bit forms of CSI and the strings included) and bidi
 *   controls are shown as `<U+009B>`, `<U+202E>`: visible, and without effect. A C1 character is
 *   not taken as the start of a sequence: Firefox gives a cookie name's UTF-8 bytes one character
 *   each, and the second byte of `ğ` is U+009F, which would have taken the rest of the name.
 *
 * Every pattern starts at one fixed character and its repeats stop at the next escape, so the
 * work is linear in the text's length whatever it holds.
 */

/** CSI (`ESC [`): parameters, intermediates, one final byte. */
const CSI = String.raw`\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]`;
/** OSC, DCS, SOS, PM, APC: a string up to BEL or ST, or up to the next escape when unterminated. */
const CONTROL_STRING = String.raw`\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?`;
/** Any other escape: `ESC`, intermediates, one final character (`ESC c` resets the terminal). */
const OTHER_ESCAPE = String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]`;

const SEQUENCES = new RegExp(`${CSI}|${CONTROL_STRING}|${OTHER_ESCAPE}`, 'g');
const CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const CONTROLS_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/g;
const CONTROLS_BUT_LINE_FEED_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g;
/** The C1 controls; ALM, LRM, RLM, the embeddings and overrides, the isolates. */
const SHOWN_CONTROLS = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const C1_CODES = Array.from({ length: 0x20 }, (_, index) => 0x80 + index);
const BIDI_CODES = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
/** `<U+202E>` for each of them, made once (a text of nothing else calls this per character). */
const SHOWN = new Map(
  [...C1_CODES, ...BIDI_CODES].map((code) => [String.fromCharCode(code), `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`]),
);
const codePoint = (character: string) => SHOWN.get(character)!;

/**
 * `text` safe for a terminal, on one line unless `keepLineFeeds` (then only `\n` is kept;
 * a CR, which could overwrite the start of a line, still becomes a space); with it, `keepTabs`
 * keeps tabs too, for text whose tabs are its layout (a charter's table rows, as the parser reads them).
 */
export function terminalText(
  text: string,
  { keepLineFeeds = false, keepTabs = false }: { keepLineFeeds?: boolean; keepTabs?: boolean } = {},
): string {
  const controls = keepLineFeeds ? (keepTabs ? CONTROLS_BUT_LINE_FEED_AND_TAB : CONTROLS_BUT_LINE_FEED) : CONTROLS;
  return text.replace(SEQUENCES, '').replace(controls, ' ').replace(SHOWN_CONTROLS, codePoint);
}
