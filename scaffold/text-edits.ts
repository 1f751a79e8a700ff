import { SourceEditError } from './source-edits';

/**
 * Line edits of the files that are not code (Kubernetes and Compose YAML, an env file): a line
 * inserted after the last line of its kind, with that line's indentation, so the file keeps its
 * layout and comments byte for byte. Like the source edits, each fails naming the file when its
 * anchor is gone or the line is there already.
 */

/** Inserts `line` (indented like the anchor) after the last line matching `anchor`. */
export function insertLineAfterLast(text: string, file: string, anchor: RegExp, line: string, what: string): string {
  const lines = text.split('\n');
  let index = -1;
  lines.forEach((candidate, i) => {
    if (anchor.test(candidate)) index = i;
  });
  if (index < 0) throw new SourceEditError(file, `${what} is not there; add it by hand`);
  const indent = /^[ \t]*/.exec(lines[index] ?? '')?.[0] ?? '';
  const added = `${indent}${line.trimStart()}`;
  if (lines.some((candidate) => candidate.trim() === added.trim())) throw new SourceEditError(file, `${what} already has ${line.trim()}`, true);
  lines.splice(index + 1, 0, added);
  return lines.join('\n');
}

/** Inserts `block` (lines, as they are) before the first line matching `anchor`. */
export function insertBlockBefore(text: string, file: string, anchor: RegExp, block: string, what: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((candidate) => anchor.test(candidate));
  if (index < 0) throw new SourceEditError(file, `${what} is not there; add it by hand`);
  lines.splice(index, 0, ...block.split('\n'));
  return lines.join('\n');
}

/** Replaces every match of `pattern` with what `replace` makes of the match and its groups; fails when nothing matches. */
export function replaceEach(text: string, file: string, pattern: RegExp, replace: (match: string, groups: string[]) => string, what: string): string {
  let found = false;
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const result = text.replace(global, (match: string, ...rest: unknown[]) => {
    found = true;
    // After the groups come the offset and the whole text (no named groups are used here).
    return replace(match, rest.slice(0, -2) as string[]);
  });
  if (!found) throw new SourceEditError(file, `${what} is not there; change it by hand`);
  return result;
}
