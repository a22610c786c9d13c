import { m } from '../paraglide/messages.js';
import { localList, localNumber } from './local-format.ts';

/**
 * Scaling's words that choose between messages (nobody yet, one number or a spread): the choice
 * is ours, each sentence the catalogue's. Plain scaling words are direct calls (`m.scaling_…`).
 */
export const answeredCount = (count: number): string =>
  count === 0 ? m.scaling_answeredNobody() : m.scaling_answeredCount({ count });

export const lineLabel = (values: number[]): string =>
  values.length === 0
    ? m.scaling_lineEmpty()
    : m.scaling_lineLabel({ values: localList(values.map(localNumber)) });

export const spreadLabel = (lowest: number, highest: number, middle: number): string =>
  lowest === highest
    ? m.scaling_spreadSame({ lowest: localNumber(lowest) })
    : m.scaling_spread({
        lowest: localNumber(lowest),
        highest: localNumber(highest),
        middle: localNumber(middle),
      });

export const pointOf = (value: number, name?: string, role?: string): string =>
  !name
    ? m.scaling_number({ value: localNumber(value) })
    : role
      ? m.scaling_pointNamedRole({ name, role, value: localNumber(value) })
      : m.scaling_pointNamed({ name, value: localNumber(value) });

/** The chair's name for a scaling question's pair, with its statement's start when it has one. */
export const scalingPair = (index: number, statement: string): string =>
  statement
    ? m.scalingChair_pairWith({ number: index + 1, statement: statement.slice(0, 50) })
    : m.scalingChair_pair({ number: index + 1 });
