/**
 * `web-ext lint` on the Firefox build, failing on any error and on any warning that is not
 * a known one from a dependency's code (listed in README, "Firefox lint warnings").
 */
import { execFileSync } from 'node:child_process';

type LintMessage = { code: string; message: string; file?: string; line?: number };
type LintReport = { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] };

/** Warnings that come from dependencies' code, with the reason we accept them. */
const KNOWN_WARNINGS: Record<string, string> = {
  // Preact's DOM diffing assigns innerHTML only for `dangerouslySetInnerHTML`, which our views never use.
  UNSAFE_VAR_ASSIGNMENT: 'Preact (innerHTML in its renderer, used only by dangerouslySetInnerHTML)',
};

let output: string;
try {
  output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--self-hosted', '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  // web-ext exits non-zero on errors but still prints the JSON report.
  output = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
const unexpected = report.warnings.filter((warning) => !(warning.code in KNOWN_WARNINGS));
for (const message of [...report.errors, ...unexpected]) {
  console.error(`${message.code}: ${message.message} (${message.file ?? ''}${message.line ? `:${message.line}` : ''})`);
}
const known = report.warnings.length - unexpected.length;
console.log(
  `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${known} known, from dependencies)`,
);
if (report.errors.length > 0 || unexpected.length > 0) process.exit(1);
