export * from './protocol/close-codes.ts';
export * from './protocol/document-name.ts';
export * from './protocol/version.ts';
export * from './vocabulary/domains.ts';
export * from './board/card.ts';
