import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Headers every response carries. The page's Content-Security-Policy comes from SvelteKit
 * (web/svelte.config.js) so its script hashes match; API responses get a closed one here.
 */
export function setSecurityHeaders(response: ServerResponse, options: { api: boolean }): void {
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (options.api) {
    response.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    response.setHeader('cache-control', 'no-store');
  }
}

/** SvelteKit's hashed build output: a file's name changes whenever its content does. */
export const immutableAssetPrefix = '/_app/immutable/';

/**
 * Headers for a hashed script, stylesheet, font or image under /_app/immutable/, which a phone
 * fetches some thirty of before its board works, each paying for its headers [LANG15]. Frame,
 * opener and permissions policies act on documents only, and a referrer policy only on the
 * requests a document makes (a stylesheet's own url()s are same-origin under the page's CSP).
 * Validators are no use on a file cached as immutable for a year: nothing ever revalidates it,
 * so the Last-Modified and ETag that adapter-node's file server (sirv) sends are dropped. What
 * is left: nosniff, and sirv's type, encoding, length, Vary and immutable cache-control.
 */
export function setImmutableAssetHeaders(response: ServerResponse): void {
  response.setHeader('x-content-type-options', 'nosniff');
  // sirv hands its headers to writeHead in one object (a copy of its cached one).
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.at(-1);
    if (headers !== null && typeof headers === 'object' && !Array.isArray(headers)) {
      for (const name of Object.keys(headers as OutgoingHttpHeaders))
        if (/^(etag|last-modified)$/i.test(name)) delete (headers as OutgoingHttpHeaders)[name];
    }
    return (writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse).call(
      this,
      statusCode,
      ...rest,
    );
  } as ServerResponse['writeHead'];
}
