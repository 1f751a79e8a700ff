import { buildManifest, ManifestError, sha256Hex, TrustedDocuments } from './index';

describe('trusted documents', () => {
  const manifest = buildManifest(['query Me { me { id } }', 'mutation Cancel($id: ID!) { cancelAppointment(appointmentId: $id) { cancelled } }']);

  it('writes and reads the format of @apollo/generate-persisted-query-manifest', () => {
    expect(manifest).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: sha256Hex('query Me { me { id } }'), name: 'Me', type: 'query', body: 'query Me { me { id } }' },
        { id: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'Cancel', type: 'mutation', body: expect.any(String) },
      ],
    });
    const documents = TrustedDocuments.fromManifest(JSON.parse(JSON.stringify(manifest)));
    expect(documents.size).toBe(2);
    expect(documents.body(sha256Hex('query Me { me { id } }'))).toBe('query Me { me { id } }');
    expect(documents.body('0'.repeat(64))).toBeUndefined();
  });

  it('refuses a manifest whose id is not the hash of its body, or that is not a manifest', () => {
    const tampered = { ...manifest, operations: [{ ...manifest.operations[0]!, body: 'query Me { me { id fullName snils } }' }] };
    expect(() => TrustedDocuments.fromManifest(tampered)).toThrow(ManifestError);
    expect(() => TrustedDocuments.fromManifest({ operations: [] })).toThrow(ManifestError);
    const unparsable = { ...manifest, operations: [{ id: sha256Hex('query {'), name: 'X', type: 'query', body: 'query {' }] };
    expect(() => TrustedDocuments.fromManifest(unparsable)).toThrow(ManifestError);
  });

  it("knows each operation's kind from its body, not from what the manifest claims: a mutation is refused last under load", () => {
    const mutationId = manifest.operations[1]!.id;
    const lying = { ...manifest, operations: [manifest.operations[0]!, { ...manifest.operations[1]!, type: 'query' }] };
    const documents = TrustedDocuments.fromManifest(JSON.parse(JSON.stringify(lying)));
    expect(documents.operationKind(sha256Hex('query Me { me { id } }'))).toBe('query');
    expect(documents.operationKind(mutationId)).toBe('mutation');
    expect(documents.operationKind('0'.repeat(64))).toBeUndefined();
  });
});
