import { startShopGraph } from './shop-graph';

/**
 * The shop's four subgraphs in a process of their own, for the repeated-entities scenario: prints
 * `subgraph:<name> <url>` for each, and stops on SIGTERM.
 */
async function main(): Promise<void> {
  const shop = await startShopGraph();
  for (const [name, url] of Object.entries(shop.urls)) process.stdout.write(`subgraph:${name} ${url}\n`);
  const stop = (): void => void shop.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`shop subgraphs failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
