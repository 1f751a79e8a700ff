import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * A preload (`node -r .../runtime-probe.js`) for processes a benchmark starts: answers
 * `{ type: 'runtime-probe', id }` on the IPC channel with the process's CPU time, memory and event-loop
 * delay since the last probe. It changes nothing else, so the measured service runs as deployed.
 */
export interface RuntimeSample {
  type: 'runtime-sample';
  id: number;
  pid: number;
  /** Microseconds of CPU (user + system) since the process started. */
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay since the previous probe, in milliseconds. */
  eventLoopDelay: { p50: number; p99: number; max: number };
}

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: unknown) => {
    const probe = message as { type?: string; id?: number };
    if (probe?.type !== 'runtime-probe') return;
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const sample: RuntimeSample = {
      type: 'runtime-sample',
      id: probe.id ?? 0,
      pid: process.pid,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    };
    delay.reset();
    process.send?.(sample);
  });
  // The IPC channel must not keep a finished service alive.
  process.channel?.unref();
}
