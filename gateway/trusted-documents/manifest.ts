import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import { z } from 'zod';

/**
 * The persisted-query manifest as `@apollo/generate-persisted-query-manifest` writes it: each
 * operation the city's frontends send, by the SHA-256 of its body.
 */
export const PersistedQueryManifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
    }),
  ),
});
export type PersistedQueryManifest = z.infer<typeof PersistedQueryManifestSchema>;

export class ManifestError extends Error {}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The operations a production gateway runs, by id; nothing else runs. */
export class TrustedDocuments {
  private readonly byId: ReadonlyMap<string, string>;
  private readonly kinds: ReadonlyMap<string, 'query' | 'mutation' | 'subscription'>;
  /** The operations' names: the only ones the gateway's metrics give a label of their own. */
  readonly names: ReadonlyArray<string>;

  private constructor(byId: Map<string, string>, kinds: Map<string, 'query' | 'mutation' | 'subscription'>, names: ReadonlyArray<string>) {
    this.byId = byId;
    this.kinds = kinds;
    this.names = names;
  }

  /**
   * Checks the manifest whole before the gateway serves anything: every id must be the SHA-256 of
   * its body and every body a single parseable operation, so a hand-edited or truncated manifest
   * stops the start instead of letting an unreviewed operation through.
   */
  static fromManifest(json: unknown): TrustedDocuments {
    const parsed = PersistedQueryManifestSchema.safeParse(json);
    if (!parsed.success) throw new ManifestError(`not a persisted-query manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
    const byId = new Map<string, string>();
    const kinds = new Map<string, 'query' | 'mutation' | 'subscription'>();
    for (const operation of parsed.data.operations) {
      if (sha256Hex(operation.body) !== operation.id) throw new ManifestError(`operation ${operation.name}: its id is not the SHA-256 of its body`);
      try {
        const document = parse(operation.body);
        const ast = getOperationAST(document);
        if (!ast) throw new Error('no single operation');
        // The body decides, not the manifest's `type` field: the body is what runs.
        kinds.set(operation.id, ast.operation);
      } catch (error) {
        throw new ManifestError(`operation ${operation.name}: ${(error as Error).message}`);
      }
      byId.set(operation.id, operation.body);
    }
    return new TrustedDocuments(
      byId,
      kinds,
      parsed.data.operations.map((operation) => operation.name).filter((name) => name !== ''),
    );
  }

  static fromFile(file: string): TrustedDocuments {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ManifestError(`cannot read ${file}: ${(error as Error).message}`);
    }
    return TrustedDocuments.fromManifest(json);
  }

  body(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** Whether the operation `id` reads or changes: a mutation is refused last when the gateway is overloaded. */
  operationKind(id: string): 'query' | 'mutation' | 'subscription' | undefined {
    return this.kinds.get(id);
  }

  get size(): number {
    return this.byId.size;
  }
}

/** A manifest of `operations` (each one document), as the Apollo tool would write it. */
export function buildManifest(operations: ReadonlyArray<string>): PersistedQueryManifest {
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: operations.map((body) => {
      const operation = getOperationAST(parse(body));
      if (!operation) throw new ManifestError('each document must hold one operation');
      return { id: sha256Hex(body), name: operation.name?.value ?? '', type: operation.operation, body };
    }),
  };
}
