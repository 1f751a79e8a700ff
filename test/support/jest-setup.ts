import { childEnvironment } from '../../deploy/node-process';

// Tests start gateways in their own process too: they get what every process we start gets.
Object.assign(process.env, childEnvironment(process.env));
