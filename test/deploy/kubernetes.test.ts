import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Service } from 'kubernetes-models/v1/Service';
import { request } from 'undici';
import { startEmbeddedSystem } from '../../deploy/embedded-system';
import { YOUNG_GENERATION_OPTION } from '../../deploy/young-generation';
import { generateJwkKeyPair, KeySeal } from '../../platform/auth';
import { SUBGRAPH_NAMES } from '../../schema';
import { entryPointSource, SECRET_LIKE, SERVICE_ENTRY_POINTS, type ServiceName, unreadVariables } from './entry-points';
import { type KubeObject, renderKustomization } from './kustomize';
import { NetworkPolicies, type PodRef, selects } from './network-policy';

/** The offline schema of each kind the manifests use; an object of any other kind fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'batch/v1/Job': Job,
};

/** The Secrets operators create, and their keys (docs/operations.md, "Secrets"). */
const SECRETS: Record<string, ReadonlyArray<string>> = {
  'gateway-signing-key': ['private-jwk'],
  'gateway-public-key': ['public-jwk'],
  'key-seal': ['secret'],
  'legacy-service-tokens': ['registry', 'emias', 'mesh', 'housing', 'parking', 'acquirer'],
  database: ['url'],
  redis: ['url'],
};

const OVERLAYS = ['deploy/kubernetes/base', 'deploy/kubernetes/overlays/production'];

interface Workload {
  service: ServiceName;
  kind: 'Deployment' | 'Job';
  pod: PodRef;
  annotations: Record<string, string> | undefined;
  spec: IPodSpec;
  container: IContainer;
}

const MIB: Record<string, number> = { Mi: 1, Gi: 1024 };
function mebibytes(quantity: string | number | undefined): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
  if (!match) throw new Error(`memory must be given in Mi or Gi, got ${String(quantity)}`);
  return Number(match[1]) * MIB[match[2]!]!;
}

describe.each(OVERLAYS)('Kubernetes manifests of %s', (dir) => {
  const objects = renderKustomization(dir);
  const ofKind = <T = KubeObject>(kind: string): Array<T & KubeObject> => objects.filter((o) => o.kind === kind) as Array<T & KubeObject>;
  const configMap = (name: string): Record<string, string> => {
    const found = ofKind<{ data?: Record<string, string> }>('ConfigMap').find((c) => c.metadata.name === name);
    if (!found) throw new Error(`no ConfigMap ${name}`);
    return found.data ?? {};
  };
  const workloads: Workload[] = [...ofKind('Deployment'), ...ofKind('Job')].map((o) => {
    const template = (o as unknown as { spec: { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: IPodSpec } } }).spec.template;
    const [container, ...others] = template.spec.containers;
    if (!container || others.length > 0) throw new Error(`${o.metadata.name}: one container per pod`);
    return {
      service: o.metadata.name as ServiceName,
      kind: o.kind as Workload['kind'],
      pod: { namespace: o.metadata.namespace ?? 'default', labels: template.metadata.labels },
      annotations: template.metadata.annotations,
      spec: template.spec,
      container,
    };
  });
  const workload = (service: ServiceName): Workload => {
    const found = workloads.find((w) => w.service === service);
    if (!found) throw new Error(`no workload ${service}`);
    return found;
  };
  const deployments = workloads.filter((w) => w.kind === 'Deployment');

  it('validates every object against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect({ object: `${object.apiVersion}/${object.kind} ${object.metadata.name}`, known: Boolean(Model) }).toEqual({ object: expect.any(String), known: true });
      expect(() => new Model!(object as never).validate()).not.toThrow();
    }
  });

  it('runs the gateway and each subgraph from its own entry point, each with a Service, an autoscaler and a disruption budget', () => {
    expect(deployments.map((w) => w.service).sort()).toEqual(['gateway', ...SUBGRAPH_NAMES].sort());
    const image = workload('gateway').container.image;
    expect(image).toMatch(/:[\w.-]+$/);
    expect(image).not.toMatch(/:latest$/);
    for (const w of workloads) {
      expect(w.container.image).toBe(image);
      expect(entryPointSource(w.container.command ?? [])).toBe(SERVICE_ENTRY_POINTS[w.service]);
    }
    for (const w of deployments) {
      const port = w.container.ports?.find((p) => p.name === 'http');
      const service = ofKind<{ spec: { selector: Record<string, string>; ports: Array<{ port: number; targetPort: string }> } }>('Service').find((s) => s.metadata.name === w.service);
      expect(service && selects({ matchLabels: service.spec.selector }, w.pod.labels)).toBe(true);
      expect(service?.spec.ports).toEqual([{ name: 'http', port: port?.containerPort, targetPort: 'http' }]);
      const hpa = ofKind<{ spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number } }>('HorizontalPodAutoscaler').find(
        (h) => h.metadata.name === w.service,
      );
      expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: w.service });
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
      const pdb = ofKind<{ spec: { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number } }>('PodDisruptionBudget').find((p) => p.metadata.name === w.service);
      expect(pdb && selects(pdb.spec.selector, w.pod.labels)).toBe(true);
      expect(pdb?.spec.maxUnavailable).toBe(1);
      // Metrics are scraped where the service serves them.
      expect(w.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port?.containerPort),
        'prometheus.io/path': '/metrics',
      });
    }
  });

  it('probes readiness on /readyz and liveness on /healthz of the service port', () => {
    for (const w of deployments) {
      expect({ service: w.service, readiness: w.container.readinessProbe?.httpGet, liveness: w.container.livenessProbe?.httpGet }).toEqual({
        service: w.service,
        readiness: { path: '/readyz', port: 'http' },
        liveness: { path: '/healthz', port: 'http' },
      });
    }
  });

  it('wires the gateway to each subgraph Service, and each service listens where its Service sends', () => {
    const gateway = configMap('gateway-config');
    for (const w of deployments) {
      const env = environmentOf(w);
      expect(Number(env.values.PORT)).toBe(w.container.ports?.[0]?.containerPort);
      expect(env.values.HOST).toBe('0.0.0.0');
    }
    for (const name of SUBGRAPH_NAMES) {
      expect(gateway[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${workload(name).container.ports?.[0]?.containerPort}/graphql`);
    }
  });

  /** Every variable a container gets, with its value (Secrets by fake values of the right shape). */
  const fakeSecrets = (async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'manifest-test');
    const tokens = Object.fromEntries(SECRETS['legacy-service-tokens']!.map((k) => [k, `${k}-token`]));
    return {
      'gateway-signing-key': { 'private-jwk': JSON.stringify(keys.privateJwk) },
      'gateway-public-key': { 'public-jwk': JSON.stringify(keys.publicJwk) },
      'key-seal': { secret: KeySeal.generateSecret() },
      'legacy-service-tokens': tokens,
      database: { url: 'postgres://graph:secret@db.city.example:5432/graph' },
      redis: { url: 'redis://redis.city.example:6379' },
    } as Record<string, Record<string, string>>;
  })();
  function environmentOf(w: Workload, secrets: Record<string, Record<string, string>> = {}): { values: Record<string, string>; secretRefs: Array<[string, string]> } {
    const values: Record<string, string> = {};
    const secretRefs: Array<[string, string]> = [];
    for (const source of w.container.envFrom ?? []) {
      if (!source.configMapRef?.name) throw new Error(`${w.service}: envFrom only from ConfigMaps (secrets by explicit reference)`);
      Object.assign(values, configMap(source.configMapRef.name));
    }
    for (const variable of w.container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref) {
        secretRefs.push([ref.name ?? '', ref.key]);
        values[variable.name] = secrets[ref.name ?? '']?.[ref.key] ?? '';
      } else if (variable.valueFrom?.configMapKeyRef) {
        values[variable.name] = configMap(variable.valueFrom.configMapKeyRef.name ?? '')[variable.valueFrom.configMapKeyRef.key] ?? '';
      } else values[variable.name] = variable.value ?? '';
    }
    return { values, secretRefs };
  }

  it("sets only variables each service's configuration reads, and everything it needs to start", async () => {
    const secrets = await fakeSecrets;
    for (const w of workloads) {
      const { values } = environmentOf(w, secrets);
      expect({ service: w.service, unread: unreadVariables(w.service, values) }).toEqual({ service: w.service, unread: [] });
    }
  });

  it('takes every secret from a Secret reference, never from a ConfigMap or a literal', () => {
    for (const w of workloads) {
      const { secretRefs } = environmentOf(w);
      for (const [name, key] of secretRefs) expect({ name, key, known: SECRETS[name]?.includes(key) ?? false }).toEqual({ name, key, known: true });
      const literal = (w.container.env ?? []).filter((v) => !v.valueFrom && SECRET_LIKE.test(v.name)).map((v) => v.name);
      const fromConfigMaps = (w.container.envFrom ?? []).flatMap((s) => Object.keys(configMap(s.configMapRef?.name ?? ''))).filter((name) => SECRET_LIKE.test(name));
      expect({ service: w.service, literal, fromConfigMaps }).toEqual({ service: w.service, literal: [], fromConfigMaps: [] });
    }
    const refs = (service: ServiceName) =>
      environmentOf(workload(service))
        .secretRefs.map(([name, key]) => `${name}/${key}`)
        .sort();
    expect(refs('gateway')).toEqual(['gateway-signing-key/private-jwk', 'redis/url']);
    expect(refs('health')).toEqual(['database/url', 'gateway-public-key/public-jwk', 'key-seal/secret', 'legacy-service-tokens/emias', 'legacy-service-tokens/registry', 'redis/url']);
    expect(refs('migrate')).toEqual(['database/url']);
  });

  it('caps the heap at three quarters of the memory limit beside the young generation, and reserves what it limits', () => {
    for (const w of workloads) {
      const limit = mebibytes(w.container.resources?.limits?.memory);
      expect(mebibytes(w.container.resources?.requests?.memory)).toBe(limit);
      expect(w.container.resources?.requests?.cpu).toBeDefined();
      expect(w.container.resources?.limits?.cpu).toBeDefined();
      const options = w.container.env?.find((v) => v.name === 'NODE_OPTIONS')?.value;
      expect({ service: w.service, options }).toEqual({ service: w.service, options: `--max-old-space-size=${Math.floor(limit * 0.75)} ${YOUNG_GENERATION_OPTION}` });
    }
  });

  it('runs every pod unprivileged, as the restricted Pod Security Standard requires', () => {
    for (const w of workloads) {
      expect(w.spec.automountServiceAccountToken).toBe(false);
      expect(w.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(w.spec.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(w.container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    }
    for (const namespace of ofKind<{ metadata: { labels?: Record<string, string> } }>('Namespace')) {
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    }
  });

  it('lets only the gateway reach the subgraphs, only the subgraphs reach the legacy systems, and both reach the trace collector', () => {
    const policies = new NetworkPolicies(ofKind('NetworkPolicy') as never);
    const namespace = workload('gateway').pod.namespace;
    const pod = (service: ServiceName) => ({ pod: workload(service).pod });
    const intruder = { pod: { namespace, labels: { 'app.kubernetes.io/name': 'debug-shell' } } };
    const elsewhere = { pod: { namespace: 'other-team', labels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/component': 'gateway' } } };
    const prometheus = { pod: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } } };
    const ingressController = { pod: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } } };
    /** The one address range a policy lets its pods out to. */
    const cidrOf = (policy: string): string => {
      const found = ofKind<{ spec: { egress: Array<{ to: Array<{ ipBlock?: { cidr: string } }> }> } }>('NetworkPolicy').find((p) => p.metadata.name === policy);
      const cidrs = (found?.spec.egress ?? []).flatMap((rule) => rule.to.flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : [])));
      if (cidrs.length !== 1) throw new Error(`${policy}: expected one address range, found ${cidrs.length}`);
      return cidrs[0]!;
    };
    const hostIn = (cidr: string): { ip: string } => ({ ip: cidr.split('/')[0]!.replace(/\.0$/, '.10') });
    const legacy = hostIn(cidrOf('subgraphs-to-legacy-systems'));
    const dataStores = hostIn(cidrOf('subgraphs-to-data-stores'));
    const signOn = hostIn(cidrOf('gateway'));
    const internet = { ip: '93.184.215.14' };

    for (const name of SUBGRAPH_NAMES) {
      const port = workload(name).container.ports![0]!.containerPort;
      const to = pod(name);
      expect(policies.allows({ from: pod('gateway'), to, port })).toBe(true);
      expect(policies.allows({ from: prometheus, to, port })).toBe(true);
      for (const from of [intruder, elsewhere, pod('migrate'), ...SUBGRAPH_NAMES.filter((n) => n !== name).map(pod)]) {
        expect({ from, to: name, allowed: policies.allows({ from, to, port }) }).toEqual({ from, to: name, allowed: false });
      }
      expect(policies.allows({ from: to, to: legacy, port: 443 })).toBe(true);
      expect(policies.allows({ from: to, to: dataStores, port: 5432 })).toBe(true);
      expect(policies.allows({ from: to, to: dataStores, port: 6379 })).toBe(true);
      expect(policies.allows({ from: to, to: internet, port: 443 })).toBe(false);
      // Every legacy system is reached over HTTPS, the one port the policy opens.
      for (const [variable, url] of Object.entries(environmentOf(workload(name)).values).filter(([k]) => k.endsWith('_URL') && k !== 'DATABASE_URL' && k !== 'REDIS_URL')) {
        expect({ variable, protocol: new URL(url).protocol, port: new URL(url).port }).toEqual({ variable, protocol: 'https:', port: '' });
      }
    }
    // The bank's callback comes through the ingress controller to payments, and to no other subgraph.
    for (const name of SUBGRAPH_NAMES) {
      const port = workload(name).container.ports![0]!.containerPort;
      expect({ to: name, allowed: policies.allows({ from: ingressController, to: pod(name), port }) }).toEqual({ to: name, allowed: name === 'payments' });
    }
    for (const from of [pod('gateway'), pod('migrate'), intruder]) {
      expect({ from, allowed: policies.allows({ from, to: legacy, port: 443 }) }).toEqual({ from, allowed: false });
    }
    expect(policies.allows({ from: pod('gateway'), to: signOn, port: 443 })).toBe(true);
    expect(policies.allows({ from: pod('gateway'), to: dataStores, port: 5432 })).toBe(false);
    // The gateway's rate limits are shared in Redis.
    expect(policies.allows({ from: pod('gateway'), to: dataStores, port: 6379 })).toBe(true);
    expect(policies.allows({ from: pod('gateway'), to: internet, port: 443 })).toBe(false);
    // Clients come in through the ingress controller; nothing in the namespace but the gateway is reached that way.
    expect(policies.allows({ from: ingressController, to: pod('gateway'), port: 4000 })).toBe(true);
    expect(policies.allows({ from: ingressController, to: pod('residents'), port: 4101 })).toBe(false);
    expect(policies.allows({ from: pod('migrate'), to: dataStores, port: 5432 })).toBe(true);
    expect(policies.allows({ from: pod('migrate'), to: dataStores, port: 6379 })).toBe(false);
    // Spans go to the collector, from the gateway and the subgraphs only, and nowhere else in monitoring.
    const collector = { pod: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'opentelemetry-collector' } } };
    for (const service of ['gateway', ...SUBGRAPH_NAMES] as const) {
      const { values } = environmentOf(workload(service));
      const endpoint = new URL(values.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://missing');
      expect({ service, endpoint: endpoint.host, name: values.OTEL_SERVICE_NAME }).toEqual({ service, endpoint: 'opentelemetry-collector.monitoring:4318', name: service });
      expect(policies.allows({ from: pod(service), to: collector, port: 4318 })).toBe(true);
      expect(policies.allows({ from: pod(service), to: prometheus, port: 9090 })).toBe(false);
    }
    expect(policies.allows({ from: pod('migrate'), to: collector, port: 4318 })).toBe(false);
    const dns = { pod: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } };
    for (const w of workloads) expect(policies.allows({ from: { pod: w.pod }, to: dns, port: 53, protocol: 'UDP' })).toBe(true);
  });

  it('runs the migrations as a Job of the same image that only reaches the database', () => {
    const job = ofKind<{ spec: { template: { spec: { restartPolicy: string } }; backoffLimit: number } }>('Job');
    expect(job.map((j) => j.metadata.name)).toEqual(['migrate']);
    expect(job[0]!.spec.template.spec.restartPolicy).toBe('Never');
    expect(environmentOf(workload('migrate')).secretRefs).toEqual([['database', 'url']]);
  });
});

describe('the paths the manifests probe and scrape', () => {
  it('answer 200 on the running services', async () => {
    const deployments = renderKustomization(OVERLAYS[0]!).filter((o) => o.kind === 'Deployment');
    const system = await startEmbeddedSystem({ logLevel: 'silent' });
    try {
      for (const deployment of deployments) {
        const { metadata, spec } = deployment as unknown as { metadata: { name: string }; spec: { template: { metadata: { annotations: Record<string, string> }; spec: IPodSpec } } };
        const container = spec.template.spec.containers[0]!;
        const base = metadata.name === 'gateway' ? system.gateway.url : system.subgraphs[metadata.name as (typeof SUBGRAPH_NAMES)[number]].url;
        const paths = [container.startupProbe, container.readinessProbe, container.livenessProbe].map((probe) => probe?.httpGet?.path);
        paths.push(spec.template.metadata.annotations['prometheus.io/path']);
        for (const path of paths) {
          const res = await request(`${base}${path ?? '/missing'}`);
          await res.body.dump();
          expect({ service: metadata.name, path, status: res.statusCode }).toEqual({ service: metadata.name, path, status: 200 });
        }
      }
    } finally {
      await system.close();
    }
    // Eleven services start in this process; on a shared two-core machine that can take a while.
  }, 120_000);
});
