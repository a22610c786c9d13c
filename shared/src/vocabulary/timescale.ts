/**
 * A timescale the handbook sets for a kind of meeting [DUE1], as data beside the meeting type
 * (meeting-table.ts), with the handbook's own words. Counted in calendar days, working days
 * (Monday to Friday) or months, as the handbook says.
 */
export type TimescaleUnit = 'days' | 'working-days' | 'months';

export interface TimescaleSpan {
  count: number;
  unit: TimescaleUnit;
}

export type Timescale =
  /** The first meeting of this type, held within a span of the family coming to the service. */
  | { kind: 'first'; within: TimescaleSpan; from: 'family-added'; handbook: string }
  /** This type of meeting again, at least once every span after the last one held. */
  | { kind: 'every'; within: TimescaleSpan; handbook: string }
  /** Something done ahead of a planned meeting of this type: the reports shared with the family. */
  | { kind: 'before'; ahead: TimescaleSpan; task: 'share-reports'; handbook: string };
