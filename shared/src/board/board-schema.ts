import * as Y from 'yjs';
import { drawingMetaRoot, drawingRecordsRoot } from '../drawing/drawing-canvas.ts';
import type { DocumentPart } from '../protocol/document-name.ts';
import { agendaRoot } from './agenda.ts';
import { bottomLinesRoot } from './bottom-line.ts';
import { settingsRoot } from './board-settings.ts';
import { cardsRoot } from './card.ts';
import { scalingQuestionsRoot } from './scaling-question.ts';
import { fireDrillsRoot } from './fire-drill.ts';
import { meetingDecisionRoot } from './meeting-decision.ts';
import { nextStepsRoot } from './next-step.ts';
import { planNotesRoot } from './plan-notes.ts';
import { planRulesRoot } from './plan-rule.ts';
import { planTestsRoot } from './plan-test.ts';
import { statementPairsRoot } from './statement-pair.ts';
import { trajectoryRoot } from './trajectory-step.ts';

/**
 * Every root a meeting's documents may hold, and its Yjs type. The server refuses an update that
 * would create any other root, or write a root as the wrong type: such a board would load on
 * one screen and break on the next, and its content would never be read or exported.
 */
export const boardRootTypes = {
  [cardsRoot]: 'map',
  [statementPairsRoot]: 'map',
  [bottomLinesRoot]: 'map',
  [agendaRoot]: 'array',
  [settingsRoot]: 'map',
  [scalingQuestionsRoot]: 'map',
  [planRulesRoot]: 'map',
  [fireDrillsRoot]: 'map',
  [nextStepsRoot]: 'map',
  [trajectoryRoot]: 'map',
  [planNotesRoot]: 'map',
  [planTestsRoot]: 'map',
  [meetingDecisionRoot]: 'map',
  [drawingRecordsRoot]: 'map',
  [drawingMetaRoot]: 'map',
} as const satisfies Record<string, 'map' | 'array'>;
export type BoardRootName = keyof typeof boardRootTypes;

/** Which roots each of a meeting's documents holds (see document-name.ts for why they are split). */
export const rootsOfPart = {
  map: [cardsRoot],
  frame: [
    statementPairsRoot,
    bottomLinesRoot,
    agendaRoot,
    settingsRoot,
    scalingQuestionsRoot,
    meetingDecisionRoot,
  ],
  plan: [planRulesRoot, fireDrillsRoot, nextStepsRoot, trajectoryRoot, planNotesRoot, planTestsRoot],
  'drawing-genogram': [drawingRecordsRoot, drawingMetaRoot],
  'drawing-houses': [drawingRecordsRoot, drawingMetaRoot],
  'drawing-story': [drawingRecordsRoot, drawingMetaRoot],
} as const satisfies Record<DocumentPart, readonly BoardRootName[]>;

export interface RootProblem {
  root: string;
  problem: 'unknown root' | 'wrong type' | 'unreadable update';
}

function expectedType(root: string, part: DocumentPart | undefined): 'map' | 'array' | undefined {
  if (!Object.hasOwn(boardRootTypes, root)) return undefined;
  if (part && !(rootsOfPart[part] as readonly string[]).includes(root)) return undefined;
  return boardRootTypes[root as BoardRootName];
}

/**
 * Checks a document's roots. A root that arrived in an update but was never opened locally is an
 * untyped shared type: judge it by its content (keyed entries are a map's, a list an array's).
 */
export function checkBoardRoots(doc: Y.Doc, part?: DocumentPart): RootProblem[] {
  const problems: RootProblem[] = [];
  for (const [root, type] of doc.share) {
    const expected = expectedType(root, part);
    const hasEntries = type._map.size > 0;
    const hasList = type._start !== null;
    if (!expected) {
      if (hasEntries || hasList) problems.push({ root, problem: 'unknown root' });
      continue;
    }
    const untyped = type.constructor === Y.AbstractType;
    const rightClass = untyped || type instanceof (expected === 'map' ? Y.Map : Y.Array);
    const rightContent = expected === 'map' ? !hasList : !hasEntries;
    if (!rightClass || !rightContent) problems.push({ root, problem: 'wrong type' });
  }
  return problems;
}

/**
 * Checks an update before it is applied. A new entry at the top of a root names its root; an
 * entry that follows another inherits that one's root, already checked when it arrived.
 */
export function checkUpdateRoots(update: Uint8Array, part?: DocumentPart): RootProblem[] {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return [{ root: '', problem: 'unreadable update' }];
  }
  return checkStructRoots(structs, part);
}

/** As checkUpdateRoots, for an update already decoded (the server decodes each one once). */
export function checkStructRoots(
  structs: readonly (Y.Item | Y.GC | Y.Skip)[],
  part?: DocumentPart,
): RootProblem[] {
  let problems: Map<string, RootProblem> | undefined;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const root: unknown = struct.parent;
    if (typeof root !== 'string') continue;
    const expected = expectedType(root, part);
    let problem: RootProblem['problem'] | undefined;
    if (!expected) problem = 'unknown root';
    else if ((struct.parentSub !== null) !== (expected === 'map')) problem = 'wrong type';
    if (problem) (problems ??= new Map()).set(root, { root, problem });
  }
  return problems ? [...problems.values()] : [];
}

/**
 * How deep the board's shared types nest: a root (1) holds a record's Y.Map (2) which holds a
 * Y.Text (3). The server refuses an update creating a type deeper than this allows.
 */
export const boardNestingDepth = 3;
