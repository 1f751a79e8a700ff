import { join } from 'node:path';
import { type ConformanceReport, formatConformanceReport, verifySubgraph } from '../../conformance';
import { type EmbeddedSystem, startEmbeddedSystem, subgraphUrlsOf } from '../../deploy/embedded-system';
import { generateJwkKeyPair, type JwkKeyPair } from '../../platform/auth';
import { repoRoot } from '../../platform/config';
import { SUBGRAPH_NAMES } from '../../schema';
import { type LibraryFlaw, startLibrary } from './support/library-subgraph';

/** The checks that failed, by title, with what each found. */
function failedChecks(report: ConformanceReport): Record<string, string[]> {
  return Object.fromEntries(report.checks.filter((check) => !check.ok).map((check) => [check.title, check.findings]));
}

describe('npm run contract:verify against our five subgraphs', () => {
  let system: EmbeddedSystem;
  beforeAll(async () => {
    system = await startEmbeddedSystem({ logLevel: 'silent', now: new Date('2026-11-21T12:00:00+03:00') });
  });
  afterAll(async () => system?.close());

  it.each(SUBGRAPH_NAMES.map((name) => [name]))('%s conforms to its contract', async (name) => {
    const urls = subgraphUrlsOf(system);
    const report = await verifySubgraph({
      subgraph: name,
      url: urls[name],
      schemaDir: join(repoRoot(), 'schema'),
      privateJwk: system.keys.internal.privateJwk,
      // @requires fields come from the registry, as the gateway fetches them.
      ownerUrls: { residents: urls.residents },
      person: '1244',
      otherPerson: '1014',
      // Generous on a shared two-core machine; the stated time itself has its own test below.
      maxMs: 10_000,
    });
    expect({ text: formatConformanceReport(report), failed: failedChecks(report) }).toEqual({ text: expect.stringContaining('PASSED'), failed: {} });
    expect(report.checks.map((check) => check.title)).toEqual([
      "refuses calls without the gateway's credential (_service, _entities, a root field)",
      `serves its contract (schema/${name}.graphql, compared as a schema)`,
      'resolves _entities for 1 sample representation',
      'refuses Resident 1244 to resident 1014, who does not represent them',
      expect.stringMatching(/^errors carry registered codes, no stack and no internal address \(\d+ errors seen\)$/),
      'answers every call within 10000 ms',
    ]);
  });

  it('names the owner it needs when @requires fields cannot be fetched', async () => {
    const report = await verifySubgraph({
      subgraph: 'health',
      url: subgraphUrlsOf(system).health,
      schemaDir: join(repoRoot(), 'schema'),
      privateJwk: system.keys.internal.privateJwk,
      ownerUrls: {},
      person: '1244',
      otherPerson: '1014',
      maxMs: 10_000,
    });
    expect(failedChecks(report)).toEqual({
      'resolves _entities for 1 sample representation': ['Resident needs sealedHealthKeys from the subgraph "residents", which owns them: give its URL with --owner-url residents=<url>'],
    });
  });
});

describe('npm run contract:verify against a department’s own subgraph', () => {
  let gatewayKeys: JwkKeyPair;
  beforeAll(async () => {
    gatewayKeys = await generateJwkKeyPair('EdDSA', 'gateway');
  });

  async function verifyLibrary(flaw: LibraryFlaw, maxMs = 10_000): Promise<ConformanceReport> {
    const library = await startLibrary(flaw, gatewayKeys.publicJwk);
    try {
      return await verifySubgraph({
        subgraph: 'library',
        url: library.url,
        schemaDir: library.schemaDir,
        privateJwk: gatewayKeys.privateJwk,
        ownerUrls: {},
        person: '1244',
        otherPerson: '1014',
        maxMs,
      });
    } finally {
      await library.close();
    }
  }

  it('passes when it is done right', async () => {
    const report = await verifyLibrary('none');
    expect(failedChecks(report)).toEqual({});
    expect(report.ok).toBe(true);
  });

  it('fails on a dropped field, naming it', async () => {
    const failed = failedChecks(await verifyLibrary('dropped-field'));
    expect(failed['serves its contract (schema/library.graphql, compared as a schema)']).toEqual(["Field 'booksOut' was removed from object type 'LibraryCard'"]);
  });

  it('fails on a changed type, naming the field and both types', async () => {
    const failed = failedChecks(await verifyLibrary('changed-type'));
    expect(failed).toEqual({ 'serves its contract (schema/library.graphql, compared as a schema)': ["Field 'LibraryCard.booksOut' changed type from 'Int!' to 'String!'"] });
  });

  it('fails on a leaked stack and internal address, naming the call', async () => {
    const failed = failedChecks(await verifyLibrary('leaked-stack'));
    const findings = failed[Object.keys(failed).find((title) => title.startsWith('errors carry registered codes')) ?? ''] ?? [];
    expect(findings).toEqual(
      expect.arrayContaining(['a malformed key: a stack trace (extensions.stacktrace)', 'a malformed key: an IP address (10.20.0.7)', 'a malformed key: a socket error (ECONNREFUSED)']),
    );
    expect(Object.keys(failed)).toHaveLength(1);
  });

  it('fails on an open _entities that asks for no credential', async () => {
    const failed = failedChecks(await verifyLibrary('open-entities'));
    expect(failed["refuses calls without the gateway's credential (_service, _entities, a root field)"]).toEqual(
      expect.arrayContaining(['answered _entities without a credential', 'answered _service without a credential', 'answered _entities with a credential the gateway did not sign']),
    );
    expect(failed['refuses Resident 1244 to resident 1014, who does not represent them']).toEqual(['served the entity']);
  });

  it('fails when it does not answer within the stated time', async () => {
    const failed = failedChecks(await verifyLibrary('slow-entities', 300));
    expect(failed['answers every call within 300 ms']).toEqual(expect.arrayContaining(['_entities for the sample representations: no answer within 300 ms']));
    expect(failed['resolves _entities for 1 sample representation']).toEqual(['_entities did not resolve: no answer within 300 ms']);
  });
});
