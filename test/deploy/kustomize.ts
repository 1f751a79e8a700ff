import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runToEnd } from '../../deploy/node-process';
import { repoRoot } from '../../platform/config';

/** A rendered Kubernetes object, as YAML gives it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** `kubectl kustomize <dir>` (offline), parsed: what `kubectl apply -k` would send. */
export function renderKustomization(dir: string): KubeObject[] {
  const run = runToEnd('kubectl', ['kustomize', join(repoRoot(), dir)]);
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error('kubectl is not on the PATH: the manifests are rendered with `kubectl kustomize` (kustomize v5)');
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr || String(run.error)}`);
  const text = run.stdout;
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0]!.message}`);
    return doc.toJS() as KubeObject;
  });
}
