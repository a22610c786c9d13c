/**
 * The wire protocol's version. A client sends it when it connects; a server that no longer
 * speaks it closes with `tooOld` so a stale phone tab reloads instead of corrupting the board.
 */
export const protocolVersion = 1;
export const oldestSupportedProtocolVersion = 1;
