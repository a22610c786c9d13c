import { Browser } from './browser.ts';
import type { TestServer } from './server.ts';

/** The token a pass link carries after `#`. */
export const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);

/** A phone that opened its pass link on `server`: it holds the pass cookie and nothing else. */
export async function openPassOn(server: TestServer, link: string, address: string): Promise<Browser> {
  const phone = new Browser(server, address);
  const opened = await phone.post('/api/pass/open', { token: tokenOf(link) });
  if (opened.status !== 200) throw new Error(`the pass did not open: ${opened.status}`);
  return phone;
}

export interface PassLine {
  /** Resolves once the server sent `open`. */
  opened: Promise<void>;
  /** Resolves with the `ended` event's data and when it arrived, or undefined if the line just dropped. */
  ended: Promise<{ at: number; code: number } | undefined>;
  close(): void;
}

/** The open page's line to the server (`GET /api/pass/live`, server-sent events) [PASS5]. */
export function openPassLine(server: TestServer, phone: Browser): PassLine {
  const abort = new AbortController();
  let markOpened: () => void = () => {};
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  const ended = (async () => {
    const cookie = [...phone.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${server.url}/api/pass/live`, {
      headers: { cookie },
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`the line was refused: ${response.status}`);
    const decoder = new TextDecoder();
    let text = '';
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (text.includes('event: open')) markOpened();
        const found = /event: ended\ndata: (.*)\n/.exec(text);
        if (found) return { at: Date.now(), code: (JSON.parse(found[1]!) as { code: number }).code };
      }
    } catch {
      return undefined;
    }
    return undefined;
  })();
  return { opened, ended, close: () => abort.abort() };
}
