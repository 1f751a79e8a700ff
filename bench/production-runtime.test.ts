import { productionNodeVersion, runtimeCaveat } from './production-runtime';

describe("the benchmark's runtime", () => {
  it("reads production's Node from the Dockerfile's base image", () => {
    expect(productionNodeVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('says nothing on that Node, and names both versions on another', () => {
    const production = productionNodeVersion()!;
    expect(runtimeCaveat(`v${production}`)).toBe('');
    expect(runtimeCaveat('v20.1.0')).toContain(`Node v20.1.0, not ${production}`);
  });
});
