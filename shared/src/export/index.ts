export * from './agreed-record.ts';
export * from './export-document.ts';
export * from './export-words.ts';
export * from './family-plan.ts';
export * from './case-record.ts';
export * from './my-part-sheet.ts';
export * from './text-export.ts';
export * from './export-request.ts';
