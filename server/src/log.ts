import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured logs on stdout. Log lines name documents and codes, never board content. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
