import { pathToFileURL } from 'node:url';

/**
 * Whether the module whose `import.meta.url` is `moduleUrl` is the script Node was asked to run
 * (`scriptPath`, process.argv[1]). The path is made a URL, not pasted after `file://`: a URL
 * percent-encodes what a path may hold (a space as `%20`, `#`, `%`), and a script in a folder named
 * so would otherwise do nothing and exit 0.
 */
export function isEntryScript(moduleUrl: string, scriptPath: string | undefined = process.argv[1]): boolean {
  return scriptPath !== undefined && moduleUrl === pathToFileURL(scriptPath).href;
}
