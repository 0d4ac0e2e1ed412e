import { browser, type Browser } from './browser.ts';

/**
 * The text of a gzip file of the extension's package, unzipped as it is read (the platform's
 * DecompressionStream: Chrome 80, Firefox 113). The worker reads the Open Cookie Database this way
 * when a report first needs it (registry-loader.ts): 142 kB to read through the extension's URL
 * loader rather than 506 kB, whose reading was most of what a stopped worker's first report
 * waited for (issue #16).
 */
export async function gzippedPackageFileText(file: string, api: Pick<Browser, 'runtime'> = browser): Promise<string> {
  const response = await fetch(api.runtime.getURL(file));
  if (!response.ok || !response.body) throw new Error(`${file} could not be read from the package (${response.status})`);
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
}
