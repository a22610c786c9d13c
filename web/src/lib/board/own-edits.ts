/**
 * The origin every edit made on this screen carries. The undo manager tracks only this origin,
 * so undo takes back what this person did and never what someone else typed meanwhile.
 * Remote updates arrive with the provider as their origin and are never tracked.
 */
export const ownEdit = Symbol('own edit');
