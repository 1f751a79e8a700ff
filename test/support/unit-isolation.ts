import net from 'node:net';

/**
 * Unit tests run alone: a test that opens a socket (a server, a client connection, a database or
 * Redis) belongs in another tier, and fails here saying so. The guard is lifted after each file,
 * because the worker goes on to run files of the other tiers.
 */
const connect = net.Socket.prototype.connect;
const listen = net.Server.prototype.listen;
const refuse = (what: string) =>
  function refused(): never {
    throw new Error(`a unit test ${what}: name the file *.integration.test.ts (or *.db.test.ts for a database) — see jest.config.js`);
  };

net.Socket.prototype.connect = refuse('opened a connection') as unknown as typeof connect;
net.Server.prototype.listen = refuse('started a server') as unknown as typeof listen;

afterAll(() => {
  net.Socket.prototype.connect = connect;
  net.Server.prototype.listen = listen;
});
