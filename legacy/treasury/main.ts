import { runStandalone } from '../kit';
import { createTreasurySimulator } from './simulator';

runStandalone(createTreasurySimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
