import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SourceEditError } from './source-edits';

/**
 * Every file the command writes, decided in memory before any is written: the files it creates and
 * the edits of files that exist. A refusal found while planning (a name taken, a table missing)
 * therefore leaves the repository untouched, and what is written can be taken back whole when a
 * later step (composition, code generation) fails.
 */
export class FilePlan {
  private readonly created = new Map<string, string>();
  private readonly changed = new Map<string, { original: string; text: string }>();
  /** Files another step is about to write (compose, codegen), as they were: undefined when absent. */
  private readonly tracked = new Map<string, string | undefined>();
  private readonly madeDirectories: string[] = [];

  constructor(readonly root: string) {}

  /** Whether the repository has `relative` or the plan creates it. */
  exists(relative: string): boolean {
    return this.created.has(relative) || existsSync(join(this.root, relative));
  }

  /** The file as it will be: the plan's text, else the repository's. */
  read(relative: string): string {
    const planned = this.created.get(relative) ?? this.changed.get(relative)?.text;
    if (planned !== undefined) return planned;
    try {
      return readFileSync(join(this.root, relative), 'utf8');
    } catch {
      throw new SourceEditError(relative, 'is not in the repository; the command expects the layout the README describes');
    }
  }

  /** Plans a new file; one that exists already is a name taken. */
  create(relative: string, text: string): void {
    if (this.exists(relative)) throw new SourceEditError(relative, 'exists already', true);
    this.created.set(relative, text);
  }

  /** Plans an edit of an existing file; edits of the same file compose in the order given. */
  change(relative: string, edit: (text: string) => string): void {
    const before = this.read(relative);
    const original = this.changed.get(relative)?.original ?? before;
    this.changed.set(relative, { original, text: edit(before) });
  }

  /** The files created and changed, by path from the root. */
  get createdFiles(): string[] {
    return [...this.created.keys()];
  }

  get changedFiles(): string[] {
    return [...this.changed.keys()];
  }

  /** The planned text of every file, created or changed (for tests of what would be written). */
  planned(): ReadonlyMap<string, string> {
    return new Map([...this.created, ...[...this.changed].map(([file, { text }]) => [file, text] as const)]);
  }

  /** Writes every planned file. */
  apply(): void {
    for (const [relative, { text }] of this.changed) writeFileSync(join(this.root, relative), text);
    for (const [relative, text] of this.created) {
      this.makeDirectory(dirname(relative));
      writeFileSync(join(this.root, relative), text);
    }
  }

  /** Remembers `relative` as it is now, before a later step rewrites it, so `rollback` can restore it. */
  track(relative: string): void {
    if (this.tracked.has(relative) || this.created.has(relative) || this.changed.has(relative)) return;
    const path = join(this.root, relative);
    this.tracked.set(relative, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  }

  /** Whether a tracked file now differs from what it was when tracked (a step rewrote it with new content). */
  rewritten(relative: string): boolean {
    if (!this.tracked.has(relative)) return false;
    const path = join(this.root, relative);
    const now = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    return now !== this.tracked.get(relative);
  }

  /** Puts back every file as it was before `apply`, and removes what the command made. */
  rollback(): void {
    for (const [relative, { original }] of this.changed) writeFileSync(join(this.root, relative), original);
    for (const [relative, original] of this.tracked) {
      if (original === undefined) rmSync(join(this.root, relative), { force: true });
      else writeFileSync(join(this.root, relative), original);
    }
    for (const relative of this.created.keys()) rmSync(join(this.root, relative), { force: true });
    for (const directory of [...this.madeDirectories].reverse()) rmSync(join(this.root, directory), { recursive: true, force: true });
  }

  /** mkdir -p, remembering each directory made (outermost first), so a rollback removes only those. */
  private makeDirectory(relative: string): void {
    const missing: string[] = [];
    for (let dir = relative; dir !== '.' && dir !== '' && !existsSync(join(this.root, dir)); dir = dirname(dir)) missing.unshift(dir);
    if (missing.length === 0) return;
    mkdirSync(join(this.root, relative), { recursive: true });
    for (const dir of missing) if (!this.madeDirectories.includes(dir)) this.madeDirectories.push(dir);
  }
}
