import type { Advice } from '../advice';
import type { ArtifactsOutcome } from '../schema-artifacts';
import type { ReportedChange, SchemaCheckReport } from './schema-check';

/**
 * The check's report as a person reads it in a terminal or a CI log: the verdict first, then each
 * problem as what / where / why / to do, then one line per passed step and the changes listed.
 */
export function formatSchemaCheck(report: SchemaCheckReport): string {
  const lines: string[] = [];
  const count = report.problems.length;
  lines.push(report.ok ? 'schema check: PASSED' : `schema check: FAILED, ${count} problem${count === 1 ? '' : 's'}`, '');
  for (const problem of report.problems) lines.push(...formatAdvice(problem.kind, problem), '');
  const failed = new Set(report.problems.map((p) => p.kind));

  if (!failed.has('composition')) lines.push(`✓ composed ${report.subgraphs.length} subgraphs: ${report.subgraphs.join(', ')}`);
  if (!failed.has('contract') && report.variants.length > 0) lines.push(`✓ built ${report.variants.length} contract variants: ${report.variants.join(', ')}`);
  if (!failed.has('composition') && !failed.has('contract')) {
    if (!failed.has('stale')) lines.push('✓ supergraph and variants up to date');
    const breaking = report.changes.filter((c) => c.level === 'breaking');
    const accepted = breaking.filter((c) => c.acceptedBy).length;
    if (!failed.has('breaking change') && !failed.has('baseline')) {
      lines.push(`✓ no unrecorded breaking change since the last release${accepted > 0 ? ` (${accepted} recorded)` : ''}`);
    }
    if (!failed.has('operation')) lines.push(`✓ ${report.operations.count} registered operations validate against ${report.operations.schemas.join(', ')}`);
  }

  if (report.changes.length > 0) {
    const tally = (level: ReportedChange['level']): number => report.changes.filter((c) => c.level === level).length;
    lines.push('', `changes since the last release: ${tally('breaking')} breaking, ${tally('dangerous')} dangerous, ${tally('safe')} safe`);
    for (const change of report.changes) lines.push(`  ${formatChange(change)}`);
  } else if (!failed.has('composition') && !failed.has('contract') && !failed.has('baseline')) {
    lines.push('', 'no changes since the last release');
  }
  if (report.notes.length > 0) lines.push('', 'notes:', ...report.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

/** `npm run compose` failing: the same words as the check uses. */
export function formatCompositionFailure(outcome: Extract<ArtifactsOutcome, { ok: false }>): string {
  const lines = ['compose: FAILED', ''];
  for (const problem of outcome.compositionProblems) lines.push(...formatAdvice('composition', problem), '');
  for (const problem of outcome.contractProblems) lines.push(...formatAdvice('contract', problem), '');
  return `${lines.join('\n')}\n`;
}

function formatAdvice(kind: string, advice: Advice): string[] {
  const indent = (text: string): string => text.split('\n').join('\n           ');
  return [
    `✗ ${kind.toUpperCase()}: ${advice.what}`,
    ...(advice.where.length > 0 ? [`    where  ${indent(advice.where.join('\n'))}`] : []),
    `    why    ${indent(advice.why)}`,
    `    to do  ${indent(advice.todo)}`,
  ];
}

function formatChange(change: ReportedChange): string {
  const level = change.level.padEnd(9);
  const where = change.schemas.length === 1 && change.schemas[0] === 'api' ? '' : ` [${change.schemas.join(', ')}]`;
  const status = change.level !== 'breaking' ? '' : change.acceptedBy ? ` (recorded: ${change.acceptedBy.by}, ${change.acceptedBy.date}: ${change.acceptedBy.reason})` : ' (NOT RECORDED)';
  return `${level} ${change.message}${where}${status}`;
}
