import type { ChildProcess } from 'node:child_process';
import type { RuntimeSample } from './runtime-probe';

let nextId = 1;

/** Asks a process started with the runtime probe for a sample. */
export function sampleRuntime(child: ChildProcess, timeoutMs = 5_000): Promise<RuntimeSample> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`process ${child.pid} did not answer the runtime probe`));
    }, timeoutMs);
    const onMessage = (message: unknown): void => {
      const sample = message as RuntimeSample;
      if (sample?.type !== 'runtime-sample' || sample.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(sample);
    };
    child.on('message', onMessage);
    child.send({ type: 'runtime-probe', id });
  });
}
