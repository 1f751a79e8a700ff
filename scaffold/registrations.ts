import type ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import type { Blueprint } from './blueprint';
import { addNamedImport, addProperty, appendString, assertParses, firstStringArgument, insertAfterLastCall, SourceEditError } from './source-edits';
import { composeService } from './templates/deployment';
import { insertBlockBefore, insertLineAfterLast, replaceEach } from './text-edits';

/**
 * One place the repository lists its subgraphs or legacy systems, and the entry the new subgraph
 * gets there. Every table keyed by subgraph or by system gets its row, so the new subgraph is
 * started, deployed, checked and tested wherever the others are: the type check fails on a table
 * keyed by `SubgraphName` that misses it, and these edits are what keep it whole.
 */
export interface Registration {
  file: string;
  /** What the entry does, for the command's report. */
  what: string;
  edit(text: string): string;
  /**
   * Documentation of the file rather than wiring (a comment, an EXPOSE): when the file has moved
   * on and the anchor is gone, the step is reported for a person to do instead of refusing.
   */
  optional?: boolean;
}

/** `.library` or `['library-card']`: a property access by the name. */
function access(key: string): string {
  return key.startsWith("'") ? `[${key}]` : `.${key}`;
}

/** Checks a YAML file still parses after an edit: a broken manifest is never written. */
function yamlStillParses(file: string, text: string): string {
  const problem = parseAllDocuments(text).flatMap((doc) => doc.errors)[0];
  if (problem) throw new SourceEditError(file, `the edit would not parse as YAML: ${problem.message}`);
  return text;
}

function typescript(file: string, edit: (text: string) => string): (text: string) => string {
  return (text) => {
    const edited = edit(text);
    assertParses(edited, file);
    return edited;
  };
}

/**
 * The registrations of `b` in the repository as it is: `subgraphs` are the names in
 * `SUBGRAPH_NAMES` now (the Kustomization lists their manifests, and the new one goes after them).
 */
export function registrationsOf(b: Blueprint, subgraphs: readonly string[]): Registration[] {
  const { subgraph: n, system: s } = b;
  const SYSTEM_URL = `${s.constant}_URL`;
  const SYSTEM_TOKEN = `${s.constant}_SERVICE_TOKEN`;
  const gatewayUrlVariable = `SUBGRAPH_${n.constant}_URL`;
  const code = (file: string, what: string, edit: (text: string) => string): Registration => ({ file, what, edit: typescript(file, edit) });
  const yaml = (file: string, what: string, edit: (text: string) => string): Registration => ({ file, what, edit: (text) => yamlStillParses(file, edit(text)) });

  return [
    code('schema/subgraph-names.ts', "one of the graph's subgraphs (composition order, the embedded system, deployment checks)", (text) =>
      appendString(text, 'schema/subgraph-names.ts', ['SUBGRAPH_NAMES'], n.kebab),
    ),
    code('platform/auth/principal.ts', `the staff scope ${b.scope}, which the kit opens the subgraph to`, (text) => appendString(text, 'platform/auth/principal.ts', ['SCOPES'], b.scope)),
    code('codegen.ts', 'its resolver types (npm run codegen)', (text) =>
      addProperty(
        text,
        'codegen.ts',
        ['RESOLVER_TYPES'],
        n.objectKey,
        `{\n  context: '${n.pascal}Context',\n  mappers: {\n    Resident: \`\${PARENTS}#${n.pascal}Resident\`,\n    ${b.summaryType}: \`\${ADAPTERS}/${s.kebab}#${b.domainType}\`,\n  },\n}`,
      ),
    ),
    code('deploy/simulators.ts', `the simulator of ${s.kebab}, started with the others`, (text) => {
      const file = 'deploy/simulators.ts';
      let edited = appendString(text, file, ['LEGACY_SYSTEMS'], s.kebab);
      edited = addProperty(edited, file, ['SIMULATORS'], s.objectKey, `create${s.pascal}Simulator`);
      edited = addProperty(edited, file, ['base'], s.objectKey, '50');
      return addNamedImport(edited, file, `../legacy/${s.kebab}`, [`create${s.pascal}Simulator`]);
    }),
    code('deploy/embedded-system.ts', 'started by npm start (the embedded system)', (text) => {
      const file = 'deploy/embedded-system.ts';
      const edited = insertAfterLastCall(
        text,
        file,
        'startEmbeddedBackend',
        'start',
        `await start('${n.kebab}', (l, transports) =>\n  create${n.pascal}Subgraph({ ...base, ${s.camel}Url: simulators${access(s.objectKey)}.url, ${s.camel}ServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }),\n);`,
        (call: ts.CallExpression) => firstStringArgument(call) === n.kebab,
      );
      return addNamedImport(edited, file, `../subgraphs/${n.kebab}`, [`create${n.pascal}Subgraph`]);
    }),
    code('deploy/process-topology.ts', `started by npm start -- --processes, pointed at ${s.kebab}`, (text) =>
      addProperty(text, 'deploy/process-topology.ts', ['SUBGRAPH_SYSTEM_ENV'], n.objectKey, `(s) => ({ ${SYSTEM_URL}: s${access(s.objectKey)} })`),
    ),
    code('deploy/production-posture.ts', 'what it needs in production (and the gateway its URL)', (text) => {
      const file = 'deploy/production-posture.ts';
      const edited = addProperty(text, file, ['SUBGRAPH_SYSTEM_VARIABLES'], n.objectKey, `['${SYSTEM_URL}', '${SYSTEM_TOKEN}']`);
      return addProperty(edited, file, ['PRODUCTION_SERVICES'], n.objectKey, `subgraph('${n.kebab}')`);
    }),
    code('deploy/production-posture.test.ts', 'its configuration checked against what production requires', (text) => {
      const file = 'deploy/production-posture.test.ts';
      const edited = addProperty(text, file, ['CONFIGS'], n.objectKey, `${n.camel}ConfigFromEnv`);
      return addNamedImport(edited, file, `../subgraphs/${n.kebab}`, [`${n.camel}ConfigFromEnv`]);
    }),
    code('test/deploy/entry-points.ts', 'its entry point and configuration, for the manifest and Compose checks', (text) => {
      const file = 'test/deploy/entry-points.ts';
      let edited = addProperty(text, file, ['SERVICE_ENTRY_POINTS'], n.objectKey, `'subgraphs/${n.kebab}/main.ts'`);
      edited = addProperty(edited, file, ['CONFIG_READERS'], n.objectKey, `${n.camel}ConfigFromEnv`);
      return addNamedImport(edited, file, `../../subgraphs/${n.kebab}`, [`${n.camel}ConfigFromEnv`]);
    }),
    code('test/deploy/kubernetes.test.ts', `the Secret key of ${s.kebab}'s service token`, (text) =>
      appendString(text, 'test/deploy/kubernetes.test.ts', ['SECRETS', 'legacy-service-tokens'], s.kebab),
    ),
    code('test/security/production-posture.test.ts', "its entry point and its simulator's, started with NODE_ENV=production", (text) => {
      const file = 'test/security/production-posture.test.ts';
      const edited = appendString(text, file, ['LEGACY'], s.kebab);
      return addProperty(edited, file, ['SYSTEM_TOKEN'], n.objectKey, `'${SYSTEM_TOKEN}'`);
    }),
    yaml('deploy/kubernetes/base/kustomization.yaml', 'its manifest in the Kubernetes base', (text) =>
      insertLineAfterLast(
        text,
        'deploy/kubernetes/base/kustomization.yaml',
        new RegExp(`^\\s+- (?:${subgraphs.map(escapeRegExp).join('|')})\\.yaml\\s*$`),
        `- ${n.kebab}.yaml`,
        'the list of subgraph manifests',
      ),
    ),
    yaml('deploy/kubernetes/base/gateway.yaml', `the gateway's ${gatewayUrlVariable}`, (text) =>
      insertLineAfterLast(
        text,
        'deploy/kubernetes/base/gateway.yaml',
        /^\s+SUBGRAPH_[A-Z0-9_]+_URL: /,
        `${gatewayUrlVariable}: http://${n.kebab}:${b.subgraphPort}/graphql`,
        "the gateway's subgraph URLs",
      ),
    ),
    yaml('deploy/kubernetes/base/network-policies.yaml', `port ${b.subgraphPort} in the gateway's way to the subgraphs`, (text) =>
      replaceEach(
        text,
        'deploy/kubernetes/base/network-policies.yaml',
        /endPort: (41\d\d)\b/,
        (match, [end]) => (Number(end) < b.subgraphPort ? `endPort: ${b.subgraphPort}` : match),
        'the subgraph port range',
      ),
    ),
    yaml('deploy/kubernetes/overlays/production/network-ranges.yaml', `port ${b.subgraphPort} in production's copy of that way`, (text) =>
      replaceEach(
        text,
        'deploy/kubernetes/overlays/production/network-ranges.yaml',
        /endPort: (41\d\d)\b/,
        (match, [end]) => (Number(end) < b.subgraphPort ? `endPort: ${b.subgraphPort}` : match),
        'the subgraph port range',
      ),
    ),
    yaml('deploy/kubernetes/overlays/production/kustomization.yaml', "its autoscaler sized with the other subgraphs' in production", (text) =>
      replaceEach(
        text,
        'deploy/kubernetes/overlays/production/kustomization.yaml',
        /^( +name: )((?:[a-z0-9-]+\|)+[a-z0-9-]+)[ \t]*$/m,
        (_match, [key, names]) => `${key}${names}|${n.kebab}`,
        'the autoscalers the subgraphs share',
      ),
    ),
    yaml('compose.yaml', "its container, and the gateway's URL of it", (text) => {
      const file = 'compose.yaml';
      const edited = insertLineAfterLast(text, file, /^\s+SUBGRAPH_[A-Z0-9_]+_URL: /, `${gatewayUrlVariable}: http://${n.kebab}:${b.subgraphPort}/graphql`, "the gateway's subgraph URLs");
      if (new RegExp(`^  ${escapeRegExp(n.kebab)}:\\s*$`, 'm').test(edited)) throw new SourceEditError(file, `already has a service ${n.kebab}`, true);
      return insertBlockBefore(edited, file, /^volumes:/, composeService(b), 'the end of the services');
    }),
    {
      file: 'deploy/local-subgraphs.env',
      what: `the gateway's ${gatewayUrlVariable} when every service runs alone`,
      edit: (text) =>
        insertLineAfterLast(text, 'deploy/local-subgraphs.env', /^SUBGRAPH_[A-Z0-9_]+_URL=/, `${gatewayUrlVariable}=http://127.0.0.1:${b.subgraphPort}/graphql`, 'the subgraph URLs'),
    },
    {
      file: 'Dockerfile',
      what: `port ${b.subgraphPort} among the image's ports`,
      optional: true,
      edit: (text) => replaceEach(text, 'Dockerfile', /^EXPOSE (.*)$/m, (_match, [ports]) => `EXPOSE ${ports} ${b.subgraphPort}`, 'the EXPOSE line'),
    },
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
