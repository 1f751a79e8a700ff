import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { isScope } from '../../platform/auth';
import type { Advice } from '../advice';

/** Where contract definitions and the variants composed from them live, under `schema/`. */
export const CONTRACTS_DIR = 'contracts';

/** Apollo's rule for tag names: letters, digits, `-` and `/`, at most 128 characters. */
const TagName = z.string().regex(/^[A-Za-z0-9/-]{1,128}$/, 'a tag name is 1 to 128 letters, digits, "-" or "/"');

/**
 * `schema/contracts/<name>.json`: a named @tag filter over the graph, as Apollo's contracts define
 * one. Composition writes the variant it selects beside it (`<name>.graphql`, the API schema its
 * clients see, and `<name>.supergraph.graphql`, which any Federation 2 gateway serves as it is).
 */
export const ContractDefinitionSchema = z
  .object({
    /** Whom the variant is for and what it shows; shown to people reading the check's output. */
    description: z.string().min(1),
    /**
     * When not empty, the variant keeps only object and interface fields tagged with one of these
     * (a type's tags count for its fields) and unions so tagged; default empty: everything.
     */
    include: z.array(TagName).default([]),
    /** Leaves out every element tagged with one of these, whatever `include` says; default none. */
    exclude: z.array(TagName).default([]),
    /** Also leaves out types no field of the variant reaches any more; default false, as Apollo's. */
    hideUnreachableTypes: z.boolean().default(false),
    /**
     * The frontends' registered operations (`operations/`) must validate against this variant,
     * so the schema check fails when a change would break them here; default false.
     */
    registeredOperations: z.boolean().default(false),
    /**
     * Who the gateway serves this variant to at `/graphql`: kinds of principal, and for staff the
     * scopes any one of which claims the caller (see gateway/contracts/contract-callers.ts for the
     * whole rule); `$comment` says it in words for the file's readers. Composition only checks
     * the values. Absent: the variant is served only at `/contracts/<name>/graphql`.
     */
    callers: z
      .object({
        $comment: z.string().optional(),
        principals: z.array(z.enum(['resident', 'staff', 'anonymous'])).default([]),
        scopes: z.array(z.string().refine(isScope, 'not a scope the graph knows')).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ContractDefinitionFields = z.infer<typeof ContractDefinitionSchema>;

/** One contract: its name (the file's), the file messages name, and its filter. */
export interface ContractDefinition extends ContractDefinitionFields {
  name: string;
  file: string;
}

/** A contract definition that cannot be used, with the file it is in. */
export interface ContractProblem extends Advice {
  contract: string;
}

/** A contract's name is the last segment of the URL a gateway serves it at. */
const CONTRACT_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Every contract defined in `<schemaDir>/contracts/*.json`, and the problems of those that cannot be read. */
export function readContractDefinitions(schemaDir: string): { definitions: ContractDefinition[]; problems: ContractProblem[] } {
  const dir = join(schemaDir, CONTRACTS_DIR);
  if (!existsSync(dir)) return { definitions: [], problems: [] };
  const definitions: ContractDefinition[] = [];
  const problems: ContractProblem[] = [];
  for (const fileName of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = fileName.slice(0, -'.json'.length);
    const file = `${basename(schemaDir)}/${CONTRACTS_DIR}/${fileName}`;
    const fail = (what: string, todo: string): void => {
      problems.push({ contract: name, what, where: [file], why: 'Composition cannot build a variant from a definition it cannot read.', todo });
    };
    if (!CONTRACT_NAME.test(name)) {
      fail(`The contract name "${name}" is not lower-case letters, digits and "-".`, 'Rename the file: the name becomes part of the URL the variant is served at.');
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, fileName), 'utf8'));
    } catch (error) {
      fail(`The file is not JSON: ${(error as Error).message}.`, 'Fix the JSON syntax.');
      continue;
    }
    const parsed = ContractDefinitionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(
        `${issue?.path.join('.') || 'the definition'}: ${issue?.message ?? 'not a contract definition'}.`,
        'Give `description` and the `include` / `exclude` tag lists as documented in schema/variants/contract-definition.ts.',
      );
      continue;
    }
    const both = parsed.data.include.filter((tag) => parsed.data.exclude.includes(tag));
    if (both.length > 0) {
      fail(`The tags ${both.map((t) => `"${t}"`).join(', ')} are both included and excluded.`, 'Keep each tag in one list only.');
      continue;
    }
    definitions.push({ ...parsed.data, name, file });
  }
  return { definitions, problems };
}
