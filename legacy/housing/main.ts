import { runStandalone } from '../kit';
import { createHousingSimulator } from './simulator';

runStandalone(createHousingSimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
