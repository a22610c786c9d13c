import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * Fire drills: rehearsals that test whether the network really responds: what will be rehearsed,
 * who takes part, and when. Root Y.Map `fireDrills` in the `plan` document (shape: plan-entry.ts).
 */
export const fireDrillsRoot = 'fireDrills';
export const fireDrillFields = ['what', 'when'] as const;
export type FireDrill = PlanEntry<(typeof fireDrillFields)[number]>;

export const fireDrills = new PlanList(fireDrillsRoot, fireDrillFields, 'fd');
