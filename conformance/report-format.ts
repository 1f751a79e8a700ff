import type { ConformanceReport } from './verify-subgraph';

/** The kit's report at a glance: the verdict, then one line per check with what it found beneath. */
export function formatConformanceReport(report: ConformanceReport): string {
  const failed = report.checks.filter((check) => !check.ok).length;
  const lines = [`contract:verify ${report.subgraph} at ${report.url} against ${report.contractFile}: ${report.ok ? 'PASSED' : `FAILED, ${failed} of ${report.checks.length} checks`}`];
  for (const check of report.checks) {
    lines.push(`${check.ok ? '✓' : '✗'} ${check.title}`);
    for (const finding of check.findings) lines.push(`    ${check.ok ? '·' : '-'} ${finding}`);
  }
  return `${lines.join('\n')}\n`;
}
