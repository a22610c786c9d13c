import type { ApiContext } from './api-context.ts';
import type { Reply } from './reply.ts';

export type Handler = (context: ApiContext) => Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  /** The largest JSON body this route reads, when it is not the API's usual limit. */
  maxBodyBytes?: number | undefined;
  /** Also reads a plain HTML form's body, for a page that must work before its script [LANG17]. */
  acceptsForm?: boolean | undefined;
}

/** `route('POST', '/api/meetings/:id/open', open)`: each `:name` is one path segment. */
export function route(
  method: Route['method'],
  path: string,
  handler: Handler,
  options: { maxBodyBytes?: number; acceptsForm?: boolean } = {},
): Route {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]{1,100})';
  });
  return {
    method,
    pattern: new RegExp(`^${source}$`),
    keys,
    handler,
    maxBodyBytes: options.maxBodyBytes,
    acceptsForm: options.acceptsForm,
  };
}

export type Match = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

/** The route for a request; `allowed` when the path exists but not with this method (405). */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const allowed: string[] = [];
  for (const each of routes) {
    const found = each.pattern.exec(pathname);
    if (!found) continue;
    if (each.method !== method) {
      allowed.push(each.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [index, key] of each.keys.entries()) {
      try {
        params[key] = decodeURIComponent(found[index + 1]!);
      } catch {
        return undefined;
      }
    }
    return { route: each, params };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}
