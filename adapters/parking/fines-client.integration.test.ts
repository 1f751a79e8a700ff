import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { LegacyTransport } from '../transport';
import { FinesClient } from './fines-client';

/** How the client reads the three kinds of HTTP 500 a SOAP service answers with. */
describe('FinesClient and HTTP 500', () => {
  const clientFault = readFileSync(join(__dirname, 'fixtures', 'fines-fault-client.xml'), 'utf8');
  const serverFault = clientFault.replace('soap:Client', 'soap:Server').replace('Unknown SOAPAction', 'Database unavailable');
  let agent: MockAgent;
  let client: FinesClient;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    client = new FinesClient({ transport: new LegacyTransport({ system: 'fines', baseUrl: 'http://fines.test', dispatcher: agent }), serviceToken: 't' });
  });
  afterEach(() => agent.close());

  // Persisted: GetCharges is a read, so the transport retries a server fault.
  const answer = (body: string, contentType = 'text/xml') =>
    agent
      .get('http://fines.test')
      .intercept({ path: '/gisgmp/ws', method: 'POST' })
      .reply(500, body, { headers: { 'content-type': contentType } })
      .persist();

  it('reads a soap:Client fault as our request being refused', async () => {
    answer(clientFault);
    await expect(client.getFines(['0100001062'])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'fines' });
  });

  it('reads a soap:Server fault as the service being down', async () => {
    answer(serverFault);
    await expect(client.getFines(['0100001062'])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines', status: 500 });
  });

  it('reads a 500 that is no SOAP at all as the service being down', async () => {
    answer('<html><body>502 Bad Gateway</body></html>', 'text/html');
    await expect(client.getFines(['0100001062'])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines' });
  });
});
