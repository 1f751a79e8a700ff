import { runStandalone } from '../kit';
import { createEmiasSimulator } from './simulator';

runStandalone(createEmiasSimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
