import { runStandalone } from '../kit';
import { createMeshSimulator } from './simulator';

runStandalone(createMeshSimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
