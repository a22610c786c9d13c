/**
 * The map's seven domains, in the order they are read, and the three columns that hold them.
 * Labels depend on the vocabulary in use (see vocabulary.ts); ids never change.
 */
export const domainIds = [
  'pastHarm',
  'futureDanger',
  'complicatingFactors',
  'existingStrengths',
  'existingSafety',
  'goals',
  'nextSteps',
] as const;
export type DomainId = (typeof domainIds)[number];

export const columnIds = ['worries', 'workingWell', 'needsToHappen'] as const;
export type ColumnId = (typeof columnIds)[number];

export const domainsByColumn: Record<ColumnId, readonly DomainId[]> = {
  worries: ['pastHarm', 'futureDanger', 'complicatingFactors'],
  workingWell: ['existingStrengths', 'existingSafety'],
  needsToHappen: ['goals', 'nextSteps'],
};

export function columnOf(domain: DomainId): ColumnId {
  for (const column of columnIds) if (domainsByColumn[column].includes(domain)) return column;
  throw new Error(`unknown domain ${String(domain)}`);
}

export function isDomainId(value: unknown): value is DomainId {
  return typeof value === 'string' && (domainIds as readonly string[]).includes(value);
}
