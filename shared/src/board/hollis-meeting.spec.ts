import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DomainId } from '../vocabulary/domains.ts';
import { defaultAgenda } from '../vocabulary/meeting-types.ts';
import {
  addCustomStep,
  initialiseAgenda,
  moveAgendaStep,
  readAgenda,
  setAgendaStepSkipped,
} from './agenda.ts';
import { checkBoardRoots, checkUpdateRoots } from './board-schema.ts';
import { boardWords, initialiseBoardSettings } from './board-settings.ts';
import { addBottomLine, editBottomLine, readBottomLines } from './bottom-line.ts';
import { addCard, editCardText, readCards } from './card.ts';
import { editGoal, editStatement, pairStatementWithGoal, readStatementPairs } from './statement-pair.ts';

// The invented Hollis family (fixtures/hollis-family.json), copied here: tests never read fixtures.
const cards: [DomainId, string][] = [
  [
    'pastHarm',
    'On 3 March a neighbour found Jack, aged 3, on his own in the street at 10pm. Dani was asleep after drinking.',
  ],
  [
    'pastHarm',
    'Maisie has been late for school 14 times this term and told her teacher she gets Jack his breakfast.',
  ],
  ['complicatingFactors', "Dani has been very low since her mum's partner died last year."],
  ['complicatingFactors', 'The flat is on a busy road and the front door lock is broken.'],
  ['existingStrengths', 'Dani loves the children and they love her; Maisie says Mum gives the best cuddles.'],
  ['existingStrengths', "Pat lives ten minutes' walk away and sees the children most days."],
  ['existingStrengths', 'Lee has kept every contact visit for a year.'],
  [
    'existingSafety',
    'Since March, Dani has phoned Pat on the three evenings she felt like drinking, and Pat came over.',
  ],
  ['existingSafety', 'Sam fixed a chain on the door high up, and Jack has not got out since.'],
  ['nextSteps', 'Make a words and pictures story with Dani for Maisie and Jack (Tom Price, in two weeks)'],
  ['nextSteps', 'Ask the housing office to fix the front door lock (Dani Hollis, Friday)'],
];
const pairs = [
  {
    statement:
      'Tom (social worker), Rita (school) and Pat (Nan) are worried that when Dani drinks a lot in the evening she falls asleep and cannot look after Maisie and Jack. If nothing changes, Jack could leave the flat again and be hit by a car or hurt by a stranger, and Maisie could keep missing school because she is looking after her brother.',
    goal: 'Everyone, including Tom and the school, will know that Maisie and Jack are safe when, for the next six months, there is always a sober adult looking after them in the evening and at night, and Maisie gets to school on time because an adult gets the children up and ready.',
  },
  {
    statement:
      'Tom and Lee are worried that when Dani and Lee argue at handover the children hear shouting and Maisie tries to stop it. If nothing changes, Maisie could get hurt and both children could grow up scared and thinking it is their job to keep the peace.',
    goal: "Maisie and Jack will be safe when handovers happen at Nan's house with Nan there, Dani and Lee stay calm or leave, and Maisie tells her teacher she does not hear shouting any more.",
  },
];
const bottomLines = [
  'A sober adult is with the children every evening and night until the next review.',
  "Handovers between Dani and Lee happen at Pat's house, never at the flat.",
];
const people = ['Tom Price', 'Pat Hollis', 'Dani Hollis', 'Sam Okoro'];

function syncAll(docs: Y.Doc[]): void {
  for (const a of docs)
    for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** Types `text` a few letters at a time, one transaction each, as a phone sends it. */
function typeOut(write: (soFar: string) => void, text: string): void {
  for (let end = 3; end < text.length + 3; end += 3) write(text.slice(0, end));
}

describe('a full Hollis family network meeting', () => {
  it('converges across four screens, keeps every invariant and stays well under 200 KB', () => {
    const chair = new Y.Doc();
    initialiseBoardSettings(chair, 'family-network-meeting');
    initialiseAgenda(chair, 'family-network-meeting');
    const screens = [chair, new Y.Doc(), new Y.Doc(), new Y.Doc()];
    syncAll(screens);

    cards.forEach(([domain, text], i) => {
      const doc = screens[i % screens.length]!;
      const author = people[i % people.length]!;
      const id = addCard(doc, { domain, text: '', author, perspective: i % 2 ? 'family' : 'professional' });
      typeOut((soFar) => editCardText(doc, id, soFar), text);
      if (i % 3 === 0) syncAll(screens);
    });
    pairs.forEach(({ statement, goal }, i) => {
      const id = pairStatementWithGoal(chair, { statement: '', goal: '' });
      syncAll(screens);
      typeOut((soFar) => editStatement(chair, id, { statement: soFar }), statement);
      typeOut((soFar) => editGoal(screens[i + 1]!, id, soFar), goal);
    });
    for (const text of bottomLines) {
      const id = addBottomLine(chair, 'Draft')!;
      typeOut((soFar) => editBottomLine(chair, id, soFar), text);
    }
    moveAgendaStep(screens[1]!, 'bottom-lines', 2);
    setAgendaStepSkipped(chair, 'testing-the-plan', true);
    addCustomStep(screens[2]!, 'Words and pictures for Maisie and Jack', { afterStepId: 'plan-rules' });
    syncAll(screens);

    for (const doc of screens) {
      expect(readCards(doc)).toEqual(readCards(chair));
      expect(readStatementPairs(doc)).toEqual(readStatementPairs(chair));
      expect(readAgenda(doc)).toEqual(readAgenda(chair));
    }
    expect(readCards(chair).map((card) => card.text)).toEqual(
      expect.arrayContaining(cards.map(([, text]) => text)),
    );
    expect(readStatementPairs(chair).map(({ statement, goal }) => ({ statement, goal }))).toEqual(pairs);
    expect(readBottomLines(chair).map((line) => line.text)).toEqual(bottomLines);
    const stepIds = readAgenda(chair).map((step) => step.id);
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(stepIds).toEqual(
      expect.arrayContaining(defaultAgenda('family-network-meeting').map((step) => step.id)),
    );
    expect(boardWords(chair).frameworkName).toBe('Signs of Safety');

    const update = Y.encodeStateAsUpdate(chair);
    expect(checkBoardRoots(chair)).toEqual([]);
    expect(checkUpdateRoots(update)).toEqual([]);
    expect(update.byteLength).toBeLessThan(50_000);
  });
});
