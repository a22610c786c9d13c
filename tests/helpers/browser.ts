import type { TestServer } from './server.ts';

export interface Answer {
  status: number;
  // Tests read fields loosely; the server's own types are checked in its unit tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/**
 * One browser for the access tests: keeps cookies like a browser would (name=value only), and
 * can pretend to come from another address (the server must run with TRUST_PROXY=true).
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly #server: TestServer;
  readonly #address: string | undefined;

  constructor(server: TestServer, address?: string) {
    this.#server = server;
    this.#address = address;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Answer> {
    return this.request('POST', path, body, headers);
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const sent: Record<string, string> = { ...headers };
    if (body !== undefined) sent['content-type'] ??= 'application/json';
    if (this.cookies.size > 0)
      sent['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.#address) sent['x-forwarded-for'] = this.#address;
    const response = await fetch(`${this.#server.url}${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      // An API client: a redirect (the no-script join form's) is an answer to read, not to follow.
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ?? false;
    return {
      status: response.status,
      body: text && json ? JSON.parse(text) : undefined,
      headers: response.headers,
    };
  }
}
