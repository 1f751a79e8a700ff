import type { Route } from './http-types';

interface CompiledRoute {
  route: Route;
  method: string;
  pattern: RegExp;
  names: string[];
  endpoint: string;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  endpoint: string;
}

/** Matches a method and path to a route; patterns are compiled once. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: ReadonlyArray<Route>) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          if (segment.startsWith(':')) {
            names.push(segment.slice(1));
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return { route, method: route.method, pattern: new RegExp(`^${source}$`), names, endpoint: `${route.method} ${route.path}` };
    });
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const c of this.compiled) {
      if (c.method !== method) continue;
      const m = c.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, params, endpoint: c.endpoint };
    }
    return undefined;
  }

  /** Every endpoint name, for the admin listing. */
  endpoints(): string[] {
    return this.compiled.map((c) => c.endpoint);
  }
}
