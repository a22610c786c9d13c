export * from './join-code.ts';
export * from './roles.ts';
export * from './staff.ts';
export * from './family.ts';
export * from './join.ts';
export * from './participant-key.ts';
export * from './credit.ts';
