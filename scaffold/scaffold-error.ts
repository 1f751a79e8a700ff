/**
 * Why `npm run subgraph:new` did not make the subgraph. Every refusal is found before anything is
 * written (`invalid-name`, `name-taken`, `layout`); a step that fails after writing (`failed`:
 * composition, code generation, the schema check) takes back all it wrote. Either way the
 * repository is left as it was.
 */
export type ScaffoldRefusal =
  /** The name is not one a subgraph or system may have (shape, length, a reserved word). */
  | 'invalid-name'
  /** Something of the graph already has the name: a contract, a folder, a table entry, a type. */
  | 'name-taken'
  /** A file or table the command registers the subgraph in is not where it expects it. */
  | 'layout'
  /** A step after writing failed, and what was written has been taken back. */
  | 'failed';

export class ScaffoldError extends Error {
  constructor(
    readonly reason: ScaffoldRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ScaffoldError';
  }
}
