import { request } from 'undici';
import type { LaunchedProcess } from '../../deploy/process-launcher';
import { buildManifest } from '../../gateway/trusted-documents/manifest';
import type { LoadResult } from '../load-main';
import { composeShop, DEFAULT_SHOP_SIZE, SHOP_QUERY, SHOP_SUBGRAPH_NAMES, type ShopCounts, type ShopSubgraph } from '../repeated-entities/shop-graph';
import { sampleRuntime } from '../runtime-probe-client';
import { fmt, type Scenario } from '../scenario';
import { median } from '../stats';

interface Measured extends LoadResult {
  /** Milliseconds of the gateway process's CPU per request. */
  cpuPerRequest: number;
  /** The gateway's resident memory at the end of the run. */
  rssBytes: number;
}

/**
 * Large answers with repeated entities, in the shape of the public Federation gateways benchmark:
 * our gateway and a stock `@apollo/gateway` on the shop's four subgraphs of this benchmark's own
 * (bench/repeated-entities), rounds interleaved. Before the load, one answer from each is compared
 * byte for byte, and the subgraphs count what each gateway asked of them for it.
 */
export const repeatedEntities: Scenario = {
  id: 'repeated-entities',
  async run(harness, mode) {
    const rounds = mode === 'full' ? 3 : 1;
    const seconds = mode === 'full' ? 15 : 6;
    const connections = 32;
    const shop = await harness.startShop();
    const manifest = buildManifest([SHOP_QUERY]);
    const operation = manifest.operations[0]!;
    const env = {
      ...harness.productionGatewayEnv(),
      SUPERGRAPH_FILE: harness.writeFile('shop.supergraph.graphql', composeShop(shop.urls)),
      SUPERGRAPH_CONTRACTS_DIR: '',
      TRUSTED_DOCUMENTS_FILE: harness.writeFile('shop.manifest.json', JSON.stringify(manifest)),
      ...Object.fromEntries(SHOP_SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, shop.urls[name]])),
    };
    // Served, not refused: see the gateway-cost scenario.
    const ours = await harness.startGatewayWith('ours', { ...env, ADMISSION_SHEDDING: 'false' });
    const stock = await harness.startGatewayWith('stock', env);
    // Ours without the old-generation cap it is deployed with (deploy/gateway-heap.ts): what the
    // cap costs on large answers, where each request in flight holds a few MB.
    const uncapped = await harness.startGatewayWith('ours', { ...env, ADMISSION_SHEDDING: 'false' }, []);
    const byId = JSON.stringify({ operationName: operation.name, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } });
    const variants = {
      // Each as a production frontend talks to it: ours takes the published operation by id; the stock one, text.
      ours: { process: ours, body: byId },
      stock: { process: stock, body: JSON.stringify({ query: SHOP_QUERY, operationName: operation.name }) },
      uncapped: { process: uncapped, body: byId },
    };
    type Variant = keyof typeof variants;
    const urlOf = (process: LaunchedProcess): string => Object.values(process.urls)[0]!;

    // One answer from each, and what each asked of the subgraphs for it.
    const answers = {} as Record<Variant, { body: string; status: number; asked: Record<ShopSubgraph, ShopCounts> }>;
    for (const [name, v] of Object.entries(variants) as Array<[Variant, (typeof variants)[Variant]]>) {
      await countsOf(shop.urls, 'DELETE');
      const res = await request(urlOf(v.process), { method: 'POST', headers: { 'content-type': 'application/json' }, body: v.body });
      answers[name] = { status: res.statusCode, body: await res.body.text(), asked: await countsOf(shop.urls, 'GET') };
    }
    const identical = answers.ours.status === 200 && answers.ours.body === answers.stock.body && answers.uncapped.body === answers.stock.body;

    const results: Record<Variant, Measured[]> = { ours: [], stock: [], uncapped: [] };
    // Warm-up: query plans cached, pools open, JIT done. No credential: the public benchmark's graph has no sign-on.
    for (const v of Object.values(variants)) await harness.load({ url: urlOf(v.process), body: v.body, credentials: [], connections, durationSec: 3 });
    for (let round = 0; round < rounds; round++) {
      for (const [name, v] of Object.entries(variants) as Array<[Variant, (typeof variants)[Variant]]>) {
        const before = await sampleRuntime(v.process.child);
        const load = await harness.load({ url: urlOf(v.process), body: v.body, credentials: [], connections, durationSec: seconds });
        const after = await sampleRuntime(v.process.child);
        results[name].push({ ...load, cpuPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, load.requests), rssBytes: after.rssBytes });
      }
    }
    for (const v of Object.values(variants)) await harness.stop(v.process);
    await harness.stop(shop.process);

    const summary = (list: Measured[]) => ({
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      errors: list.reduce((s, r) => s + r.errors, 0),
      cpu: median(list.map((r) => r.cpuPerRequest)),
      rss: Math.max(...list.map((r) => r.rssBytes)),
    });
    const a = summary(results.ours);
    const b = summary(results.stock);
    const c = summary(results.uncapped);
    const asked = (counts: Record<ShopSubgraph, ShopCounts>): string => SHOP_SUBGRAPH_NAMES.map((name) => `${counts[name].representations}`).join(' / ');
    const row = (variant: string, s: ReturnType<typeof summary>, answer: (typeof answers)[Variant]) => ({
      variant,
      'req/s': fmt.rps(s.rps),
      p50: fmt.ms(s.p50),
      p99: fmt.ms(s.p99),
      errors: s.errors,
      'gateway CPU / request': fmt.ms(s.cpu),
      'gateway RSS': fmt.mb(s.rss),
      'representations sent per answer (accounts / products / inventory / reviews)': asked(answer.asked),
      'of them repeats within a fetch': SHOP_SUBGRAPH_NAMES.reduce((sum, name) => sum + answer.asked[name].repeated, 0),
      'subgraph requests per answer': SHOP_SUBGRAPH_NAMES.reduce((sum, name) => sum + answer.asked[name].requests, 0),
    });
    const rpsRatio = a.rps / b.rps;
    return {
      name: '2. Large answers with repeated entities',
      setup: `The public gateways benchmark's operation (users and top products, their reviews, the reviews' products and authors, and theirs) over four subgraphs of this benchmark's own (bench/repeated-entities: accounts, products, inventory, reviews, in memory): ${DEFAULT_SHOP_SIZE.users} users who each reviewed one of ${DEFAULT_SHOP_SIZE.products} products, so the same products and users repeat all through a ${Math.round(answers.stock.body.length / 1024)} KB answer. ${connections} connections, no sign-on, ${rounds} round(s) of ${seconds} s per gateway, interleaved; each gateway's RSS is the largest seen at the end of a round; ours takes the operation by its published id, the stock one as text. "Representations sent" counts the entities each subgraph was asked to resolve for one answer, and how many of them repeated one already in the same fetch.`,
      rows: [row('(a) our gateway, as deployed', a, answers.ours), row('(b) stock @apollo/gateway', b, answers.stock), row('(c) our gateway without its heap cap', c, answers.uncapped)],
      targets: [
        { target: "our gateway ≥ 2.5× the stock gateway's requests/s", measured: `a/b = ${fmt.ratio(rpsRatio)}`, met: rpsRatio >= 2.5 },
        {
          target: 'identical answers (the bodies compared byte for byte)',
          measured: identical
            ? `identical, ${answers.ours.body.length} bytes`
            : `differ: ${answers.ours.status} ${answers.ours.body.length} bytes vs ${answers.stock.status} ${answers.stock.body.length} bytes`,
          met: identical,
        },
        { target: 'no errors', measured: `${a.errors + b.errors + c.errors}`, met: a.errors + b.errors + c.errors === 0 },
      ],
      notes: [
        `(c) is our gateway run without \`--max-old-space-size=192\` (deploy/gateway-heap.ts): with the cap V8 grows the old generation little between full collections, and every request in flight holds a few MB of this answer, so it collects far more often. c/b requests/s = ${fmt.ratio(c.rps / b.rps)}, CPU per answer c/b = ${fmt.ratio(c.cpu / b.cpu)}, at ${fmt.mb(c.rss)} of RSS against ${fmt.mb(a.rss)}.`,
        `Gateway CPU per answer a/b = ${fmt.ratio(a.cpu / b.cpu)}. Our gateway sends each distinct representation once per fetch and copies the answer back to every place that asked (gateway/transport/distinct-representations.ts); the stock one sends every repeat, so its subgraphs resolve and serialise, and it parses, the same product many times over.`,
        "Both gateways and the shop's subgraphs share the machine's two cores with the load generator: requests/s counts what the subgraphs are spared as well as the gateway's own CPU.",
      ],
    };
  },
};

/** Each subgraph's counts (`GET`), or resets them (`DELETE`) and answers the zeros. */
async function countsOf(urls: Readonly<Record<ShopSubgraph, string>>, method: 'GET' | 'DELETE'): Promise<Record<ShopSubgraph, ShopCounts>> {
  const entries = await Promise.all(
    SHOP_SUBGRAPH_NAMES.map(async (name) => {
      const res = await request(urls[name].replace(/\/graphql$/, '/counts'), { method });
      return [name, (await res.body.json()) as ShopCounts] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ShopSubgraph, ShopCounts>;
}
