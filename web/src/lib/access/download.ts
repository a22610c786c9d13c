import { m } from '$lib/paraglide/messages.js';

/**
 * Asks the server for a file with a POST (so a copy is recorded only by our own pages [COPY5]),
 * then hands it to the browser as a download under the name the server gave. Nothing is kept:
 * the object URL is revoked once the browser has it.
 */
export async function downloadFile(
  path: string,
  body?: unknown,
): Promise<{ ok: true } | { ok: false; message: string }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, message: m.access_noConnection() };
  }
  if (!response.ok) {
    const failure = (await response.json().catch(() => undefined)) as { message?: unknown } | undefined;
    return {
      ok: false,
      message: typeof failure?.message === 'string' ? failure.message : m.access_somethingWrong(),
    };
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'kinboard.pdf';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}
