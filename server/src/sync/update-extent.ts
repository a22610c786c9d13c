import * as decoding from 'lib0/decoding';

/**
 * Whether a Yjs v1 update is exactly one update, with no bytes left over [ACCESS29]. Yjs reads
 * an update's structs and delete set and ignores whatever follows, so garbage appended to an
 * update (or to a sync step 2) would be neither applied nor refused. This walks the same format
 * (yjs's UpdateDecoderV1 and readClientsStructRefs, which it does not export) without building
 * anything, and says false when it is truncated or longer than its content.
 */
export function updateEndsExactly(update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update);
  try {
    const clients = decoding.readVarUint(decoder);
    for (let each = 0; each < clients; each++) {
      const structs = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // client
      decoding.readVarUint(decoder); // clock
      for (let struct = 0; struct < structs; struct++) skipStruct(decoder);
    }
    const deleting = decoding.readVarUint(decoder);
    for (let each = 0; each < deleting; each++) {
      decoding.readVarUint(decoder); // client
      const ranges = decoding.readVarUint(decoder);
      for (let range = 0; range < ranges; range++) {
        decoding.readVarUint(decoder); // clock
        decoding.readVarUint(decoder); // length
      }
    }
  } catch {
    return false;
  }
  return !decoding.hasContent(decoder);
}

const skipId = (decoder: decoding.Decoder) => {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
};

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  const content = info & 0b11111;
  // GC (0) and Skip (10) carry only a length.
  if (content === 0 || content === 10) {
    decoding.readVarUint(decoder);
    return;
  }
  const hasOrigin = (info & 0b10000000) !== 0;
  const hasRightOrigin = (info & 0b01000000) !== 0;
  if (hasOrigin) skipId(decoder);
  if (hasRightOrigin) skipId(decoder);
  if (!hasOrigin && !hasRightOrigin) {
    // The parent: a root type's name, or the id of the item that holds it.
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
    else skipId(decoder);
    if ((info & 0b00100000) !== 0) decoding.readVarString(decoder); // parentSub
  }
  skipContent(decoder, content);
}

function skipContent(decoder: decoding.Decoder, content: number): void {
  switch (content) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return;
    case 2: {
      // JSON: strings
      const length = decoding.readVarUint(decoder);
      for (let each = 0; each < length; each++) decoding.readVarString(decoder);
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return;
    case 4: // string
    case 5: // embed (JSON text)
      decoding.readVarString(decoder);
      return;
    case 6: // format: key and JSON value
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return;
    case 7: {
      // type: XmlElement (3) and XmlHook (5) carry a name
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === 3 || typeRef === 5) decoding.readVarString(decoder);
      return;
    }
    case 8: {
      // any
      const length = decoding.readVarUint(decoder);
      for (let each = 0; each < length; each++) decoding.readAny(decoder);
      return;
    }
    case 9: // subdocument: guid and options
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new Error(`unknown content ${content}`);
  }
}
