import { runSubgraphNew } from './cli';

/** `npm run subgraph:new -- <name>`: see cli.ts. */
runSubgraphNew(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm run subgraph:new failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
