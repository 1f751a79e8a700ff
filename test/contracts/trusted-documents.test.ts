import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { TrustedDocuments } from '../../gateway/trusted-documents';
import { composeManifest, MANIFEST_FILE } from '../../operations';
import { repoRoot } from '../../platform/config';
import { readCommittedSupergraph } from '../../schema';

describe('trusted documents', () => {
  const committed = readFileSync(join(repoRoot(), 'operations', MANIFEST_FILE), 'utf8');

  it('the committed manifest is the operations in operations/ (run `npm run manifest` after changing one)', () => {
    expect(committed).toBe(composeManifest());
  });

  it('every trusted operation is valid against the graph clients see', () => {
    const apiSchema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();
    const manifest = JSON.parse(committed) as { operations: Array<{ name: string; body: string }> };
    for (const operation of manifest.operations) {
      expect({ name: operation.name, errors: validate(apiSchema, parse(operation.body)).map((e) => e.message) }).toEqual({ name: operation.name, errors: [] });
    }
  });

  it('is a manifest the production gateway accepts', () => {
    expect(TrustedDocuments.fromManifest(JSON.parse(committed)).size).toBeGreaterThanOrEqual(7);
  });
});
