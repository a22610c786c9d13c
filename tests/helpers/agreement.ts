/**
 * Why a test agrees a plan that lacks an essential (a rule for every statement, scaling ends, a
 * contingency plan): the server refuses to start agreement without one [PLAN9].
 */
export const testReason = 'Agreed in a test that checks something else; nothing is missing on purpose.';
