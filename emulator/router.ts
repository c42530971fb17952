import type { HttpBinding } from '../src/spec/index.ts';

/** What a route hands its handler: the label values, percent-decoded. */
export type Labels = Record<string, string>;

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; labels: Labels }
  /** No route has this method and path. */
  | { kind: 'missing' }
  /** The path matches a route but a label is not valid percent-encoding. */
  | { kind: 'bad-label'; label: string };

/**
 * Builds a method + path matcher from the spec's HTTP bindings (spec /operation/http and /cleanup/http).
 * A `{Label}` segment matches any run of characters but '/', empty included, so an empty label reaches
 * validation and is rejected for its @length like any other value instead of vanishing into a 404. The
 * path is matched as sent, without dot-segment normalisation: '.' and '..' are label values too.
 */
export function createRouter<H>(routes: ReadonlyArray<{ binding: HttpBinding; handler: H }>): (method: string, url: string) => RouteMatch<H> {
  const compiled = routes.map(({ binding, handler }) => {
    const names: string[] = [];
    const source = binding.uri
      .split(/(\{\w+\})/)
      .map((part) => {
        const label = /^\{(\w+)\}$/.exec(part)?.[1];
        if (label === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(label);
        return '([^/]*)';
      })
      .join('');
    return { method: binding.method, regex: new RegExp(`^${source}$`), names, handler };
  });
  return (method, url) => {
    const path = pathOf(url);
    for (const route of compiled) {
      const m = route.regex.exec(path);
      // A known path with another method is answered like an unknown path: the operation's error
      // contract (spec /errors) has no 405, and NotFoundException is the modelled "no such thing".
      if (!m || route.method !== method) continue;
      const labels: Labels = {};
      for (const [i, name] of route.names.entries()) {
        try {
          labels[name] = decodeURIComponent(m[i + 1]!);
        } catch {
          return { kind: 'bad-label', label: name };
        }
      }
      return { kind: 'found', handler: route.handler, labels };
    }
    return { kind: 'missing' };
  };
}

/** The path of a request target, origin-form or absolute-form, without query or fragment. */
function pathOf(url: string): string {
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') : url;
  return target.split(/[?#]/, 1)[0] || '/';
}
