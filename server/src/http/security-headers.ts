import type { ServerResponse } from 'node:http';

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
