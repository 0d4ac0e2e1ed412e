/**
 * A Vite build plugin: the named pages get their stylesheet written into their HTML (a <style>
 * in place of the <link>). A linked stylesheet blocks the first paint until the browser has
 * served it from the extension, alongside the page's scripts; written in, the page's static
 * loading shell paints as soon as the HTML is parsed (measured by `npm run bench`: the popup's
 * first paint). The stylesheet stays a file for the pages that still link it.
 *
 * Extension pages may hold inline styles: neither Chrome's nor Firefox's default content security
 * policy for extension pages restricts style-src (only scripts must come from the package).
 */
import type { IndexHtmlTransformContext, Plugin } from 'vite';

type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;

const STYLESHEET_LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)"\s*\/?>/g;

/** `html` with each stylesheet link of the bundle replaced by the stylesheet itself. */
export function inlineStylesheets(html: string, bundle: OutputBundle): string {
  return html.replace(STYLESHEET_LINK, (_link, fileName: string) => {
    const asset = bundle[fileName];
    if (!asset || asset.type !== 'asset') throw new Error(`inline-page-css: no stylesheet ${fileName} in the bundle`);
    const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
    // A stylesheet that closed the element early would turn the rest of it into markup.
    if (/<\/style/i.test(css)) throw new Error(`inline-page-css: ${fileName} contains "</style": it cannot be written into a page`);
    return `<style>${css}</style>`;
  });
}

/** Writes the stylesheets of `pages` (their source paths, e.g. 'src/popup/index.html') into their built HTML. */
export function inlinePageCss(pages: string[]): Plugin {
  const wanted = new Set(pages.map((page) => `/${page.replace(/^\//, '')}`));
  return {
    name: 'cci:inline-page-css',
    apply: 'build',
    transformIndexHtml: {
      // After Vite has put the built stylesheet's <link> in.
      order: 'post',
      handler(html, context) {
        if (!wanted.has(context.path) || !context.bundle) return html;
        return inlineStylesheets(html, context.bundle);
      },
    },
  };
}
