import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedResponse } from './recorded-dashboards';

/** A stand-in listening on a port: where it is, how many requests it answered, and how to stop it. */
export interface StandIn {
  readonly url: string;
  /** Requests answered since start. */
  served(): number;
  close(): Promise<void>;
}

/**
 * An HTTP server that does the least a service must: reads the request to its end, leaves the
 * answer to `answer`, and writes the recorded status, headers and body back. A request it has no
 * recording for gets a bare 404, which the load generator counts as an error.
 */
export async function startReplayServer(answer: (req: IncomingMessage) => Promise<RecordedResponse | undefined>): Promise<StandIn> {
  let served = 0;
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    void replay(req, res, answer).then(
      () => void served++,
      () => res.headersSent || res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function replay(req: IncomingMessage, res: ServerResponse, answer: (req: IncomingMessage) => Promise<RecordedResponse | undefined>): Promise<void> {
  // Read to the end, as any server must before it answers; the bytes themselves are not looked at.
  for await (const _chunk of req);
  const response = await answer(req);
  if (!response) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(response.status, response.headers).end(response.body);
}
