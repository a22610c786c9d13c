import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { closeCodes } from '@kinboard/shared';

/** One client's presence in an awareness update: y-protocols' wire format, read in full. */
export interface PresenceEntry {
  client: number;
  clock: number;
  /** The state as sent (JSON text); `null` removes the client's presence. */
  json: string;
  state: Record<string, unknown> | null;
}

export type PresenceVerdict =
  { ok: true; entries: PresenceEntry[] } | { ok: false; code: number; reason: string };

/** More entries than any client has ids is not presence: a stock client sends one. */
const maxEntries = 16;

/**
 * Reads an awareness update before it is applied [SYNC17]: well-formed, each state a JSON object
 * (or null) of at most `maxStateBytes`. Whose ids they are is the connection's to judge.
 */
export function readPresence(update: Uint8Array, maxStateBytes: number): PresenceVerdict {
  const entries: PresenceEntry[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries)
      return { ok: false, code: closeCodes.badMessage, reason: 'too many presence entries' };
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > maxStateBytes || Buffer.byteLength(json) > maxStateBytes)
        return { ok: false, code: closeCodes.tooLarge, reason: 'presence state too large' };
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
        return { ok: false, code: closeCodes.badMessage, reason: 'presence state is not an object' };
      entries.push({ client, clock, json, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder))
      return { ok: false, code: closeCodes.badMessage, reason: 'trailing bytes' };
  } catch {
    return { ok: false, code: closeCodes.badMessage, reason: 'unreadable presence' };
  }
  return { ok: true, entries };
}

/** Writes entries back in the wire format: those kept, with what the server knows better. */
export function encodePresence(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
