import * as encoding from 'lib0/encoding';

/** An awareness message (type 1) with the given states, written by hand as y-protocols does. */
export function presenceFrame(entries: { client: number; clock: number; state: string }[]): Uint8Array {
  const body = encoding.createEncoder();
  encoding.writeVarUint(body, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(body, entry.client);
    encoding.writeVarUint(body, entry.clock);
    encoding.writeVarString(body, entry.state);
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(body));
  return encoding.toUint8Array(frame);
}
