/**
 * Text made safe for Markdown inside a table cell or a list item: the characters that make code,
 * emphasis, links, images, strike-through and table cells are escaped, `:` and `.` too so that
 * GitHub's autolinks (`https://…`, `www.…`) stay text, and markup becomes entities. A cookie
 * named ``a`[x](https://evil)`` or a charter's purpose stays text in any renderer.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()!|~:.]/g, (character) => `\\${character}`);
}
