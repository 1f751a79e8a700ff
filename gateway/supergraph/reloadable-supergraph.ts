import { readFile } from 'node:fs/promises';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '../../platform/logging';
import { type FileWatch, watchFileSettled } from './file-watch';
import { type PreparedSupergraph, prepareSupergraph, type RejectionReason, SupergraphRejected, supergraphHash } from './prepared-supergraph';
import type { SubgraphUrls } from './subgraph-urls';
import { LoadedSupergraph } from './supergraph-facts';

/** What `@apollo/gateway` hands a supergraph manager: `update`, `healthCheck`, `getDataSource`. */
type SupergraphSdlHookOptions = Parameters<SupergraphManager['initialize']>[0];

/** What a reload did: served a new supergraph, found the same one, or kept the old one. */
export type ReloadOutcome = 'loaded' | 'unchanged' | 'failed';

/** Why a reload kept the old supergraph. */
export type ReloadFailure = RejectionReason | 'unreadable' | 'unhealthy' | 'refused';

export interface ReloadResult {
  outcome: ReloadOutcome;
  /** The supergraph served after the reload, by its SHA-256. */
  sha256: string;
  /** For `failed`: why, and the message that was logged. */
  failure?: ReloadFailure;
  message?: string;
}

/** What asked for a reload, for the log. */
export type ReloadTrigger = 'file' | 'signal' | 'request';

export interface ReloadableSupergraphOptions {
  /** The served graph's name in logs and metrics: `supergraph`, or a contract variant's. */
  graph: string;
  /** The supergraph to serve first. */
  sdl: string;
  /** The file reloads read; without one, reloads find nothing new. */
  file?: string;
  /** Where each subgraph is called; the same rules for every supergraph loaded. */
  urls: SubgraphUrls;
  logger: Logger;
  /**
   * Reload when the file changes (after `debounceMs` of quiet, default 250 ms). Default true when a
   * file is given; off, reloads happen only when asked (SIGHUP).
   */
  watch?: boolean;
  debounceMs?: number;
  /**
   * Before serving a new supergraph, ask each of its subgraphs for `{ __typename }` and keep the
   * old one unless all answer. Default false: a subgraph that is down only nulls its own fields,
   * so it should not hold back a release for the others.
   */
  healthCheck?: boolean;
  /** Told of every reload's outcome (metrics). */
  onReload?: (graph: string, result: ReloadResult) => void;
  /** Told whenever the gateway begins serving a supergraph, the first included (metrics). */
  onServed?: (graph: string, sha256: string, at: Date) => void;
}

/**
 * The supergraph one of the gateway's graphs serves, as `@apollo/gateway`'s supported way of
 * changing it at run time (a `SupergraphManager`: `supergraphSdl` given as an object whose
 * `initialize` receives `update` and `healthCheck`). A reload reads the file, checks the new
 * supergraph whole (see `prepareSupergraph`), optionally health-checks its subgraphs, and only
 * then calls `update`, which swaps the gateway's schema, query planner and subgraph data sources
 * in one synchronous step: a request already executing keeps the plan and data sources it
 * started with, and every later one is validated, planned and executed against the new
 * supergraph. Anything short of that keeps the old supergraph and logs why.
 *
 * `facts` follows what the gateway actually serves (the gateway's `onSchemaLoadOrUpdate` calls
 * `served`), so our validation rules, demand limit and error formatting judge by the same schema.
 */
export class ReloadableSupergraph implements SupergraphManager {
  /** What our rules read from the supergraph being served. */
  readonly facts = new LoadedSupergraph();
  readonly graph: string;
  private readonly options: ReloadableSupergraphOptions;
  private servedNow: PreparedSupergraph | undefined;
  private loadedAt: Date | undefined;
  /** Prepared and handed to `update`, waiting for the gateway to say it serves it. */
  private pending: PreparedSupergraph;
  private readonly first: PreparedSupergraph;
  private hooks: SupergraphSdlHookOptions | undefined;
  private watch: FileWatch | undefined;
  /** Reloads one at a time: the gateway refuses an `update` while another is in progress. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Throws `SupergraphRejected` when the first supergraph cannot be served: the gateway does not start. */
  constructor(options: ReloadableSupergraphOptions) {
    this.options = options;
    this.graph = options.graph;
    this.pending = prepareSupergraph(options.sdl, options.urls);
    this.first = this.pending;
  }

  /** The supergraph the gateway is given first (its API schema, for what is shown before the first request). */
  get initial(): PreparedSupergraph {
    return this.first;
  }

  /** The supergraph served, by hash, and since when; undefined before the gateway loads it. */
  get served(): { sha256: string; loadedAt: Date } | undefined {
    return this.servedNow && this.loadedAt ? { sha256: this.servedNow.sha256, loadedAt: this.loadedAt } : undefined;
  }

  /** Where the gateway calls subgraph `name`, given the URL its supergraph names. */
  urlFor(name: string, fileUrl: string): string {
    return this.options.urls.urlFor(name, fileUrl);
  }

  async initialize(hooks: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.hooks = hooks;
    const { file } = this.options;
    if (file && (this.options.watch ?? true)) {
      this.watch = watchFileSettled(
        file,
        this.options.debounceMs ?? 250,
        () => void this.reload('file'),
        (error) => this.options.logger.error({ graph: this.graph, err: error }, 'supergraph file watch failed; reload with SIGHUP'),
      );
      // The file may have changed between reading it at start and watching it.
      void this.reload('file');
    }
    return {
      supergraphSdl: this.pending.sdl,
      cleanup: async () => {
        this.watch?.close();
        this.hooks = undefined;
        await this.queue;
      },
    };
  }

  /**
   * Called when the gateway serves `sdl` (its `onSchemaLoadOrUpdate`): the facts follow. A
   * supergraph that did not come through `reload` (none should) is prepared here.
   */
  servedBy(sdl: string): void {
    const prepared = this.pending.sdl === sdl ? this.pending : prepareSupergraph(sdl, this.options.urls);
    this.facts.use(prepared.facts);
    this.servedNow = prepared;
    this.loadedAt = new Date();
    this.options.onServed?.(this.graph, prepared.sha256, this.loadedAt);
  }

  /** Reads the file again and serves it if it changed and checks out; one reload at a time. */
  reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    const next = this.queue.then(() => this.reloadNow(trigger));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(trigger: ReloadTrigger): Promise<ReloadResult> {
    const { logger } = this.options;
    const current = this.servedNow?.sha256 ?? this.pending.sha256;
    const finish = (result: ReloadResult): ReloadResult => {
      this.options.onReload?.(this.graph, result);
      return result;
    };
    const fail = (failure: ReloadFailure, message: string, sha256?: string): ReloadResult => {
      logger.error({ graph: this.graph, trigger, failure, served: current, rejected: sha256 }, `supergraph not reloaded, still serving the previous one: ${message}`);
      return finish({ outcome: 'failed', sha256: current, failure, message });
    };
    const { file } = this.options;
    if (!file || !this.hooks) return finish({ outcome: 'unchanged', sha256: current });
    let sdl: string;
    try {
      sdl = await readFile(file, 'utf8');
    } catch (error) {
      return fail('unreadable', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const sha256 = supergraphHash(sdl);
    if (sha256 === current) {
      logger.debug({ graph: this.graph, trigger, sha256 }, 'supergraph unchanged');
      return finish({ outcome: 'unchanged', sha256 });
    }
    let prepared: PreparedSupergraph;
    try {
      prepared = prepareSupergraph(sdl, this.options.urls);
    } catch (error) {
      if (error instanceof SupergraphRejected) return fail(error.reason, error.message, sha256);
      throw error;
    }
    if (this.options.healthCheck) {
      try {
        await this.hooks.healthCheck(sdl);
      } catch (error) {
        return fail('unhealthy', (error as Error).message, sha256);
      }
      // Stopped while the subgraphs were asked.
      if (!this.hooks) return finish({ outcome: 'unchanged', sha256: current });
    }
    this.pending = prepared;
    try {
      this.hooks.update(sdl);
    } catch (error) {
      return fail('refused', (error as Error).message, sha256);
    }
    logger.info({ graph: this.graph, trigger, sha256, previous: current }, 'supergraph reloaded');
    return finish({ outcome: 'loaded', sha256 });
  }
}
