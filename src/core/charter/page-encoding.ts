/**
 * The encoding a charter page is decoded in, as a browser picks it (HTML's "encoding sniffing",
 * simplified: no guess from byte frequencies). A page sent as ISO-8859-1 read as UTF-8 loses its
 * accented headings ("Durée", "Finalité") and was said to hold no table.
 */
import { Tokenizer } from 'htmlparser2';

/** How far into a page a `<meta>` declaring its encoding is looked for, as browsers do (HTML's prescan). */
export const ENCODING_PRESCAN_BYTES = 1024;

/**
 * A byte order mark, else the `charset` parameter of the content type, else the first `<meta>`
 * declaring a known encoding in the first 1,024 bytes, else UTF-8. A label the decoder does not
 * know is no label; a `<meta>` naming UTF-16 means UTF-8, as in browsers (the bytes declaring it
 * are ASCII).
 */
export function pageEncoding(contentType: string | null, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const declared = knownEncoding(contentTypeCharset(contentType ?? ''));
  if (declared) return declared;
  const meta = metaEncoding(new TextDecoder('windows-1252').decode(bytes.subarray(0, ENCODING_PRESCAN_BYTES)));
  return meta?.startsWith('utf-16') ? 'utf-8' : (meta ?? 'utf-8');
}

/**
 * windows-1252's characters for the bytes 0x80 to 0x9F (the WHATWG Encoding standard's index; the
 * five bytes it leaves undefined stay the C1 controls of their value, as the standard decodes them).
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The page's text in `encoding` (pageEncoding). Node 20's decoder reads windows-1252 (and the
 * labels that mean it: ISO-8859-1, latin1, ASCII) as ISO-8859-1, turning 0x80 to 0x9F into C1
 * controls ("mesure d\u0092audience"); browsers decode them right. Those characters are mapped
 * through windows-1252's own table: a decoder that reads them right gives them only for the five
 * undefined bytes, which the table keeps. One pass over the text.
 */
export function decodePage(bytes: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/**
 * The charset of a Content-Type header as the Fetch standard extracts it ("extract a MIME type"):
 * a response with the header twice gives its values joined by `, `, read one after the other.
 * The last type counts, with its own charset, or else the charset of the first value of the run
 * of that same type before it.
 */
function contentTypeCharset(contentType: string): string | undefined {
  let charset: string | undefined;
  let runCharset: string | undefined;
  let essence = '';
  // Values split at commas outside quoted strings.
  for (const value of contentType.match(/(?:"(?:[^"\\]|\\.)*"?|[^,"])+/g) ?? []) {
    const type = value.split(';', 1)[0]!.trim().toLowerCase();
    // A type and subtype of token characters (RFC 9110), else no MIME type: skipped, as Fetch does.
    if (!/^[-!#$%&'*+.^_`|~0-9a-z]+\/[-!#$%&'*+.^_`|~0-9a-z]+$/.test(type) || type === '*/*') continue;
    const own = parameterCharset(value);
    if (type !== essence) {
      runCharset = own;
      essence = type;
    }
    charset = own ?? runCharset;
  }
  return charset;
}

/**
 * The first `charset` parameter of one content type, unquoted. Parameters are read one after the
 * other from the first `;`, a quoted value whole: a `charset=` inside another parameter's quoted
 * value (`profile="x; charset=…"`) is none. One pass.
 */
function parameterCharset(contentType: string): string | undefined {
  const parameter = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (let match = parameter.exec(contentType); match; match = parameter.exec(contentType)) {
    const value = match[2]!.trim();
    // An empty value sets no parameter (Fetch's MIME type parser): a later `charset` may.
    if (match[1]!.toLowerCase() !== 'charset' || value === '') continue;
    // A quote left open runs to the parameter's end, as in browsers.
    return value.startsWith('"') ? value.slice(1).replace(/"$/, '').replace(/\\(.)/g, '$1') : value;
  }
  return undefined;
}

/**
 * The encoding the first `<meta>` of `start` declares that the decoder knows: its `charset`
 * attribute, or the `charset=` of its `content` when its `http-equiv` is `content-type`. Read by
 * htmlparser2's tokenizer, so a `<meta>` inside a comment is none, as in browsers (unlike them,
 * one inside a `<script>` is none either).
 */
function metaEncoding(start: string): string | null {
  let attributes: Map<string, string> | null = null;
  let name = '';
  let value = '';
  let found: string | null = null;
  const tagEnd = () => {
    if (attributes && found === null) found = declaredEncoding(attributes);
    attributes = null;
  };
  const ignore = () => undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname: (from, to) => {
        attributes = start.slice(from, to).toLowerCase() === 'meta' ? new Map() : null;
      },
      onattribname: (from, to) => {
        name = start.slice(from, to).toLowerCase();
        value = '';
      },
      onattribdata: (from, to) => {
        value += start.slice(from, to);
      },
      onattribentity: (codePoint) => {
        value += String.fromCodePoint(codePoint);
      },
      onattribend: () => {
        if (attributes && !attributes.has(name)) attributes.set(name, value);
      },
      onopentagend: tagEnd,
      onselfclosingtag: tagEnd,
      oncdata: ignore,
      onclosetag: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onprocessinginstruction: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  tokenizer.write(start);
  tokenizer.end();
  return found;
}

function declaredEncoding(attributes: Map<string, string>): string | null {
  const charset = attributes.get('charset');
  if (charset !== undefined) return knownEncoding(charset.trim());
  if (attributes.get('http-equiv')?.trim().toLowerCase() !== 'content-type') return null;
  const inContent = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(attributes.get('content') ?? '');
  return knownEncoding(inContent?.[1] ?? inContent?.[2] ?? inContent?.[3]);
}

/** The decoder's own name for `label`, or null when it knows no such encoding. */
function knownEncoding(label: string | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}
