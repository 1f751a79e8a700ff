import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nextDefaultPorts } from './default-ports';
import { FilePlan } from './file-plan';

describe('the default ports of a new subgraph and its simulator', () => {
  let root: string;
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'default-ports-'));
    mkdirSync(join(root, 'subgraphs', 'kit'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are the first of their ranges in a graph without subgraphs', () => {
    expect(nextDefaultPorts(new FilePlan(root))).toEqual({ subgraph: 4101, simulator: 8101 });
  });

  it('come after the highest in use: subgraph PORT defaults and local URLs, systems the subgraphs call and those the README runs', () => {
    write('subgraphs/health/service.ts', "subgraphConfigFromEnv(env, 4102), envUrl(env, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102'))");
    write('subgraphs/parking/service.ts', "subgraphConfigFromEnv(env, 4103), envUrl(env, 'PARKING_URL', developmentDefault('http://127.0.0.1:8104'))");
    write('deploy/local-subgraphs.env', 'SUBGRAPH_HOUSING_URL=http://127.0.0.1:4105/graphql\n');
    write('README.md', 'node dist/legacy/acquirer/main.js --port 8106     # the bank\n');
    expect(nextDefaultPorts(new FilePlan(root))).toEqual({ subgraph: 4106, simulator: 8107 });
  });
});
