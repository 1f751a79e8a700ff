import type { ScenarioResult } from './scenario';

/** The run as the markdown table the issue asks for: one section per scenario, targets marked. */
export function renderMarkdown(results: ReadonlyArray<ScenarioResult>, meta: { mode: string; command: string; startedAt: string; machine: string; caveat?: string }): string {
  const out: string[] = [
    `# Benchmark (${meta.mode} mode)`,
    '',
    `Run \`${meta.command}\` at ${meta.startedAt} on ${meta.machine}. The load generator, the gateways and the backend share the machine, so the ratios measured side by side in this one run are what count; absolute numbers move with the machine.${meta.caveat ? ` ${meta.caveat}` : ''}`,
    '',
  ];
  for (const result of results) {
    out.push(`## ${result.name}`, '', result.setup, '');
    table(out, result.rows);
    for (const extra of result.tables ?? []) {
      out.push(extra.caption, '');
      table(out, extra.rows);
    }
    if (result.targets.length) {
      out.push('| target | measured | met |', '|---|---|---|');
      for (const t of result.targets) out.push(`| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
      out.push('');
    }
    for (const note of result.notes ?? []) out.push(`- ${note}`);
    if (result.notes?.length) out.push('');
  }
  return out.join('\n');
}

function table(out: string[], rows: ReadonlyArray<Record<string, string | number>>): void {
  const columns = Object.keys(rows[0] ?? {});
  if (!columns.length) return;
  out.push(`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) out.push(`| ${columns.map((c) => String(row[c] ?? '')).join(' | ')} |`);
  out.push('');
}
