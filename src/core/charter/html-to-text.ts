/**
 * Turns a charter page's HTML into the text layout the parser reads, without executing or even
 * building a DOM (Chrome's service worker has no DOMParser): scripts, styles and comments are
 * dropped, headings become markdown headings, table rows become lines with tab-separated cells,
 * block elements end lines, entities are decoded.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘',
  ldquo: '“', rdquo: '”', hellip: '…', ndash: '–', mdash: '—', eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à',
  acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï', euml: 'ë', oelig: 'œ',
  Eacute: 'É', Egrave: 'È', Agrave: 'À', Ccedil: 'Ç', deg: '°', copy: '©', reg: '®', euro: '€', shy: '',
};

/** Decodes character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

const BLOCK = /^(p|div|section|article|header|footer|main|nav|aside|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|caption|blockquote|pre|form|fieldset|figure|figcaption|address|hr)$/;

/** The page's text, laid out line by line for the charter parser. */
export function htmlToText(html: string): string {
  // Only the body matters; without one, the whole document.
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const withoutCode = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|iframe|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');

  let out = '';
  // Tokens: a tag, or a run of text. Attribute values are never interpreted.
  for (const [, tag, text] of withoutCode.matchAll(/(<\/?[a-z][^>]*>)|([^<]+|<)/gi)) {
    if (text !== undefined) {
      out += text.replace(/\s+/g, ' ');
      continue;
    }
    const name = /^<\/?\s*([a-z0-9]+)/i.exec(tag!)?.[1]?.toLowerCase() ?? '';
    const closing = tag!.startsWith('</');
    if (/^h[1-6]$/.test(name)) out += closing ? '\n' : `\n${'#'.repeat(Number(name[1]))} `;
    else if (name === 'tr') out += '\n';
    else if (name === 'td' || name === 'th') out += closing ? '' : '\t';
    else if (name === 'br') out += '\n';
    else if (BLOCK.test(name)) out += '\n';
  }
  return decodeEntities(out)
    .split('\n')
    .map((line) => line.replace(/^\t/, '').replace(/ *\t */g, '\t').replace(/ +/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
