import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { startNodeProcess } from '../../deploy/node-process';
import { generateJwkKeyPair, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, KeySeal } from '../../platform/auth';
import { repoRoot } from '../../platform/config';

/** Starts an entry point as its own process (as a container would) and waits for its `<name> <url>` line. */
function launch(entry: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = startNodeProcess(join(repoRoot(), entry), { execArgv: ['-r', 'tsx/cjs'], args, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = line.split(' ')[1];
      if (url?.startsWith('http')) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${stderr.trim()}`)));
  });
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('each service alone, configured from its environment', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('runs the registry simulator and the residents subgraph as separate processes that stop on SIGTERM', async () => {
    const registry = await launch('legacy/registry/main.ts', ['--port', '0']);
    children.push(registry.child);
    const keys = await generateJwkKeyPair('EdDSA', 'standalone');
    const residents = await launch('subgraphs/residents/main.ts', [], {
      PORT: '0',
      REGISTRY_URL: registry.url,
      INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(keys.publicJwk),
      KEY_SEAL_SECRET: KeySeal.generateSecret(),
    });
    children.push(residents.child);

    const credential = await (await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk })).credentialFor({ kind: 'resident', personId: '1244' }, 'residents');
    const res = await request(residents.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: credential },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(await res.body.json()).toEqual({ data: { me: { id: '1244' } } });
    expect((await request(residents.url.replace('/graphql', '/healthz'))).statusCode).toBe(200);

    expect(await stopped(residents.child)).toBe(0);
    expect(await stopped(registry.child)).toBe(0);
  });

  it('refuses to start with a malformed setting and names it', async () => {
    await expect(launch('subgraphs/residents/main.ts', [], { PORT: 'eighty' })).rejects.toThrow(/exited with 1: .*PORT: must be a whole number/);
  });
});
