import { envOptional } from '../../platform/config';
import { runStandalone } from '../kit';
import { createAcquirerSimulator } from './simulator';

// The merchant's notification URL, as the bank would have it configured: ACQUIRER_CALLBACK_URL.
const callbackUrl = envOptional(process.env, 'ACQUIRER_CALLBACK_URL');

runStandalone((deps) => createAcquirerSimulator(deps, callbackUrl === undefined ? {} : { callbackUrl })).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
