import { runStandalone } from '../kit';
import { createParkingSimulator } from './simulator';

runStandalone(createParkingSimulator).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
