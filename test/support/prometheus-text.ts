import { request } from 'undici';

/** One sample line of a scrape: `name{label="value",…} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape read as Prometheus reads it: the declared families and every sample. */
export interface Scrape {
  /** Family name → type (`counter`, `gauge`, `histogram`, `summary`, `untyped`), from `# TYPE` lines. */
  families: Map<string, string>;
  samples: Sample[];
  /** The names a query may use: each family, and `_bucket`/`_sum`/`_count` of histograms and summaries. */
  queryableNames(): Set<string>;
  /** The value of the one sample with this name whose labels include `labels`; undefined when none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;

/** Parses the Prometheus text exposition format (what prom-client writes). */
export function parseScrape(text: string): Scrape {
  const families = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(/\s+/);
      if (name && type) families.set(name, type);
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return {
    families,
    samples,
    queryableNames() {
      const names = new Set<string>();
      for (const [name, type] of families) {
        names.add(name);
        if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
        if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
      }
      for (const sample of samples) names.add(sample.name);
      return names;
    },
    value(name, wanted = {}) {
      const found = samples.filter((s) => s.name === name && Object.entries(wanted).every(([k, v]) => s.labels[k] === v));
      if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(wanted)}`);
      return found[0]?.value;
    },
  };
}

/** `GET <base>/metrics`, parsed; fails on anything but 200. */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const res = await request(`${baseUrl}/metrics`);
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${res.statusCode}`);
  return parseScrape(text);
}
