import { runStandalone } from '../kit';
import { createRegistrySimulator } from './simulator';

runStandalone(createRegistrySimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
