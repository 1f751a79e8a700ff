import { runSubgraphNew, USAGE } from './cli';

/** Runs the command line and keeps what it printed. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runSubgraphNew(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

describe('npm run subgraph:new, the command line', () => {
  it('prints its usage when asked, and when not given one name', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: USAGE, err: '' });
    expect(await run([])).toEqual({ code: 2, out: '', err: USAGE });
    expect(await run(['library', 'books'])).toEqual({ code: 2, out: '', err: USAGE });
    expect(await run(['library', '--colour'])).toEqual({ code: 2, out: '', err: expect.stringContaining("Unknown option '--colour'") });
  });

  it('says why it refuses, and that nothing was written', async () => {
    expect(await run(['health'])).toEqual({ code: 1, out: '', err: 'npm run subgraph:new: "health" is a subgraph of the graph already (schema/subgraph-names.ts)\nNothing was written.\n' });
    expect(await run(['books', '--system', 'registry'])).toEqual({ code: 1, out: '', err: expect.stringContaining('"registry" is a legacy system of the graph already') });
  });
});
