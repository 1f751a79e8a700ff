import type { JWK } from 'jose';
import { ANONYMOUS, generateJwkKeyPair, InternalCredentialIssuer, type Principal } from '../platform/auth';
import { readSubgraphContracts, type SubgraphContract } from '../schema';
import { contractDifferences } from './contract-comparison';
import { type EntityPlan, entityPlans, ownersOfRequiredFields, PERSON_ENTITY, selectionsFor, topLevelFields } from './entity-samples';
import { errorFaults } from './error-hygiene';
import { type CallOutcome, callSubgraph } from './subgraph-call';

export interface VerifyOptions {
  /** The subgraph's name: its contract is `<schemaDir>/<name>.graphql`, and credentials are addressed to it. */
  subgraph: string;
  /** Its GraphQL endpoint. */
  url: string;
  /** Where the contracts are; `schema/` of this repository by default in the command. */
  schemaDir: string;
  /** The gateway's signing key for internal credentials (the kit signs exactly as the gateway does). */
  privateJwk: JWK;
  /**
   * The endpoints of the subgraphs that own fields this one @requires, by subgraph name (`*` for
   * any): representations are completed from them as the gateway would, never invented.
   */
  ownerUrls: Readonly<Record<string, string>>;
  /** The resident the sample representations and the calls are for. */
  person: string;
  /** A resident who does not represent `person`: the subgraph must not serve them `person`'s data. */
  otherPerson: string;
  /** Representations (key fields and `__typename`) of other entity types to resolve, besides `person`. */
  representations?: ReadonlyArray<Record<string, unknown>>;
  /** The stated time: every call must be answered within it. */
  maxMs: number;
}

/** One of the kit's checks and what it found. */
export interface CheckResult {
  title: string;
  ok: boolean;
  /** What is wrong (a failed check) or worth knowing (a passed one). */
  findings: string[];
}

export interface ConformanceReport {
  subgraph: string;
  url: string;
  contractFile: string;
  ok: boolean;
  checks: CheckResult[];
}

const ENTITIES_QUERY = (selection: string): string => `query ConformanceEntities($representations: [_Any!]!) { _entities(representations: $representations) { __typename ${selection} } }`;

/**
 * `npm run contract:verify`: checks a running subgraph against its contract as the gateway relies
 * on it. It refuses callers without the gateway's credential (`_service` and `_entities` too);
 * its `_service { sdl }` is its contract; it resolves `_entities` for sample representations,
 * completed with the @requires fields from their owners; it keeps a person's data from another
 * resident; every error it sends carries a registered code and no stack or internal address; and
 * it answers every call within the stated time.
 */
export async function verifySubgraph(options: VerifyOptions): Promise<ConformanceReport> {
  const contracts = readSubgraphContracts(options.schemaDir);
  const contract = contracts.find((c) => c.name === options.subgraph);
  if (!contract) {
    return {
      subgraph: options.subgraph,
      url: options.url,
      contractFile: `${options.schemaDir}/${options.subgraph}.graphql`,
      ok: false,
      checks: [{ title: 'has a contract', ok: false, findings: [`there is no contract ${options.subgraph}.graphql in ${options.schemaDir}: compose it into the graph first`] }],
    };
  }
  const issuer = await InternalCredentialIssuer.create({ privateJwk: options.privateJwk });
  const forger = await InternalCredentialIssuer.create({ privateJwk: (await generateJwkKeyPair('EdDSA', 'not-the-gateway')).privateJwk });
  const anotherSubgraph = contracts.find((c) => c.name !== contract.name)?.name ?? `${contract.name}-other`;
  const resident: Principal = { kind: 'resident', personId: options.person };
  const calls: CallOutcome[] = [];
  const call = async (label: string, query: string, credential?: string, variables?: Record<string, unknown>): Promise<CallOutcome> => {
    const outcome = await callSubgraph({ url: options.url, label, query, maxMs: options.maxMs, ...(credential ? { credential } : {}), ...(variables ? { variables } : {}) });
    calls.push(outcome);
    return outcome;
  };

  const plans = entityPlans(contract.sdl);
  const samples = await sampleRepresentations(options, contract, contracts, plans, issuer, resident);
  const firstSample = samples.representations[0] ?? { __typename: PERSON_ENTITY, id: options.person };
  const checks: CheckResult[] = [];

  // 1. Nobody but the gateway: no credential, a forged one, one addressed to another subgraph.
  const probes: Array<[string, string, Record<string, unknown>?]> = [
    ['_service', '{ _service { sdl } }'],
    ['_entities', ENTITIES_QUERY(''), { representations: [firstSample] }],
    ['a root field', '{ __typename }'],
  ];
  const credentialFindings: string[] = [];
  for (const [what, credential] of [
    ['without a credential', undefined],
    ['with a credential the gateway did not sign', await forger.credentialFor(ANONYMOUS, contract.name)],
    [`with the gateway's credential for "${anotherSubgraph}"`, await issuer.credentialFor(resident, anotherSubgraph)],
  ] as const) {
    for (const [name, query, variables] of probes) {
      const outcome = await call(`${name} ${what}`, query, credential, variables);
      if (!isRefusal(outcome)) credentialFindings.push(`answered ${name} ${what}${outcome.failure ? ` (${describeFailure(outcome, options.maxMs)})` : ''}`);
    }
  }
  checks.push({ title: "refuses calls without the gateway's credential (_service, _entities, a root field)", ok: credentialFindings.length === 0, findings: credentialFindings });

  // 2. Its _service SDL is its contract.
  const service = await call('_service', '{ _service { sdl } }', await issuer.credentialFor(ANONYMOUS, contract.name));
  const sdl = (service.data?._service as { sdl?: unknown } | undefined)?.sdl;
  const contractFindings = typeof sdl === 'string' ? await contractDifferences(contract.sdl, sdl) : [`could not read _service { sdl }: ${describeAnswer(service, options.maxMs)}`];
  checks.push({ title: `serves its contract (${contract.file}, compared as a schema)`, ok: contractFindings.length === 0, findings: contractFindings });

  // 3. It resolves the sample representations.
  const entityFindings = [...samples.problems];
  const notes = [...samples.notes];
  const residentCredential = await issuer.credentialFor(resident, contract.name);
  const selection = plans.map((plan) => `... on ${plan.type} { ${plan.selection} }`).join(' ');
  if (samples.representations.length > 0 && samples.problems.length === 0) {
    const answer = await call('_entities for the sample representations', ENTITIES_QUERY(selection), residentCredential, { representations: samples.representations });
    const entities = answer.data?._entities;
    if (answer.errors?.length || !Array.isArray(entities)) {
      entityFindings.push(`_entities did not resolve: ${describeAnswer(answer, options.maxMs)}`);
    } else {
      samples.representations.forEach((representation, i) => {
        const entity = entities[i] as { __typename?: unknown } | null | undefined;
        if (!entity) entityFindings.push(`representation ${i + 1} (${String(representation.__typename)}) resolved to null`);
        else if (entity.__typename !== representation.__typename)
          entityFindings.push(`representation ${i + 1} resolved to a ${String(entity.__typename)}, not a ${String(representation.__typename)}`);
      });
    }
  }
  for (const plan of plans) if (plan.skipped.length > 0) notes.push(`${plan.type}: not selected, as they take required arguments: ${plan.skipped.join(', ')}`);
  checks.push({
    title: `resolves _entities for ${samples.representations.length} sample representation${samples.representations.length === 1 ? '' : 's'}`,
    ok: entityFindings.length === 0,
    findings: entityFindings.length > 0 ? entityFindings : notes,
  });

  // 4. A person's data is not served to someone who does not represent them.
  const personSamples = samples.representations.filter((r) => r.__typename === PERSON_ENTITY);
  if (personSamples.length > 0 && samples.problems.length === 0) {
    const other: Principal = { kind: 'resident', personId: options.otherPerson };
    const answer = await call('_entities for another resident', ENTITIES_QUERY(selection), await issuer.credentialFor(other, contract.name), { representations: personSamples });
    const leaked = Array.isArray(answer.data?._entities) && (answer.data._entities as unknown[]).some((entity) => entity !== null);
    const refused = !leaked && (answer.errors?.length ?? 0) > 0;
    checks.push({
      title: `refuses ${PERSON_ENTITY} ${options.person} to resident ${options.otherPerson}, who does not represent them`,
      ok: refused,
      findings: refused ? [] : [leaked ? 'served the entity' : `answered without an error: ${describeAnswer(answer, options.maxMs)}`],
    });
  }

  // 5. Errors, provoked and met along the way.
  await call('a syntax error', '{ _service { sdl }', residentCredential);
  await call('an unknown field', '{ noSuchFieldAnywhere }', residentCredential);
  await call('an unknown entity type', ENTITIES_QUERY(''), residentCredential, { representations: [{ __typename: 'NoSuchEntityType', id: '1' }] });
  if (plans.some((plan) => plan.type === PERSON_ENTITY)) {
    await call('a malformed key', ENTITIES_QUERY(selection), residentCredential, { representations: [{ __typename: PERSON_ENTITY, id: 'not a person id' }] });
  }
  const errorFindings: string[] = [];
  let errorsSeen = 0;
  for (const outcome of calls) {
    for (const error of outcome.errors ?? []) {
      errorsSeen++;
      for (const fault of errorFaults(error)) errorFindings.push(`${outcome.label}: ${fault}`);
    }
  }
  checks.push({
    title: `errors carry registered codes, no stack and no internal address (${errorsSeen} errors seen)`,
    ok: errorFindings.length === 0,
    findings: [...new Set(errorFindings)],
  });

  // 6. The stated time.
  const slow = calls.filter((outcome) => outcome.failure === 'timeout' || outcome.elapsedMs > options.maxMs);
  const unreachable = calls.filter((outcome) => outcome.failure === 'unreachable');
  const slowest = [...calls].sort((a, b) => b.elapsedMs - a.elapsedMs)[0];
  checks.push({
    title: `answers every call within ${options.maxMs} ms`,
    ok: slow.length === 0 && unreachable.length === 0,
    findings: [
      ...slow.map((outcome) => `${outcome.label}: no answer within ${options.maxMs} ms`),
      ...unreachable.map((outcome) => `${outcome.label}: could not connect`),
      ...(slow.length === 0 && slowest ? [`slowest: ${slowest.label}, ${slowest.elapsedMs} ms`] : []),
    ],
  });

  return { subgraph: contract.name, url: options.url, contractFile: contract.file, ok: checks.every((check) => check.ok), checks };
}

interface Samples {
  representations: Array<Record<string, unknown>>;
  /** Why the samples could not be completed: the entity check fails with these. */
  problems: string[];
  notes: string[];
}

/**
 * The representations the gateway would send: the person's (and any given) keys, completed with
 * the @requires fields fetched from the subgraphs that own them, with the person's credential.
 */
async function sampleRepresentations(
  options: VerifyOptions,
  contract: SubgraphContract,
  contracts: ReadonlyArray<SubgraphContract>,
  plans: ReadonlyArray<EntityPlan>,
  issuer: InternalCredentialIssuer,
  resident: Principal,
): Promise<Samples> {
  const keys: Array<Record<string, unknown>> = [];
  if (plans.some((plan) => plan.type === PERSON_ENTITY)) keys.push({ __typename: PERSON_ENTITY, id: options.person });
  keys.push(...(options.representations ?? []));
  const problems: string[] = [];
  const notes: string[] = [];
  for (const plan of plans) if (!keys.some((key) => key.__typename === plan.type)) notes.push(`${plan.type}: no sample representation given (--representation), not exercised`);

  const representations: Array<Record<string, unknown>> = [];
  for (const key of keys) {
    const plan = plans.find((p) => p.type === key.__typename);
    if (!plan) {
      problems.push(`the contract resolves no entity ${String(key.__typename)}`);
      continue;
    }
    const representation: Record<string, unknown> = { ...key };
    const owners = ownersOfRequiredFields(
      plan,
      contracts.filter((c) => c.name !== contract.name),
    );
    const bySubgraph = new Map<string, Set<string>>();
    for (const [field, names] of owners) {
      const owner = names.find((name) => options.ownerUrls[name]) ?? names[0];
      if (owner) bySubgraph.set(owner, new Set([...(bySubgraph.get(owner) ?? []), field]));
    }
    for (const [owner, fields] of bySubgraph) {
      const url = options.ownerUrls[owner] ?? options.ownerUrls['*'];
      if (!url) {
        problems.push(`${plan.type} needs ${[...fields].join(', ')} from the subgraph "${owner}", which owns them: give its URL with --owner-url ${owner}=<url>`);
        continue;
      }
      const fieldSet = [...new Set(plan.requires.map((set) => selectionsFor(set, fields)).filter(Boolean))].join(' ');
      const answer = await callSubgraph({
        url,
        label: `${owner}: _entities for the @requires fields`,
        query: ENTITIES_QUERY(`... on ${plan.type} { ${fieldSet} }`),
        variables: { representations: [key] },
        credential: await issuer.credentialFor(resident, owner),
        maxMs: options.maxMs,
      });
      const entity = Array.isArray(answer.data?._entities) ? (answer.data._entities[0] as Record<string, unknown> | null) : null;
      if (!entity || answer.errors?.length) {
        problems.push(`the owner "${owner}" did not give ${plan.type}'s ${[...fields].join(', ')}: ${describeAnswer(answer, options.maxMs)}`);
        continue;
      }
      const { __typename: _typename, ...values } = entity;
      Object.assign(representation, values);
      notes.push(`${plan.type}: ${[...fields].join(', ')} fetched from "${owner}" as the gateway would`);
    }
    for (const field of new Set(plan.requires.flatMap(topLevelFields))) {
      if (!owners.has(field)) problems.push(`${plan.type}.${field} is @required but no other contract in the schema folder resolves it`);
    }
    representations.push(representation);
  }
  return { representations, problems, notes };
}

/** A call the subgraph turned away as unauthenticated, giving nothing. */
function isRefusal(outcome: CallOutcome): boolean {
  if (outcome.failure) return false;
  if (outcome.status === 401 || outcome.status === 403) return true;
  const gaveData = outcome.data != null && Object.values(outcome.data).some((value) => value !== null);
  const codes = (outcome.errors ?? []).map((error) => error.extensions?.code);
  return !gaveData && codes.length > 0 && codes.every((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN');
}

function describeFailure(outcome: CallOutcome, maxMs: number): string {
  return outcome.failure === 'timeout' ? `no answer within ${maxMs} ms` : 'could not connect';
}

/** An answer in a few words for a finding: its status and error codes, never its data. */
function describeAnswer(outcome: CallOutcome, maxMs: number): string {
  if (outcome.failure) return describeFailure(outcome, maxMs);
  if (outcome.unparsed) return `HTTP ${outcome.status}, not a GraphQL answer`;
  const codes = (outcome.errors ?? []).map((error) => String(error.extensions?.code ?? 'no code'));
  return `HTTP ${outcome.status}${codes.length > 0 ? `, errors ${codes.join(', ')}` : ''}`;
}
