import {
  essentialsGaps,
  fail,
  hasGaps,
  readPlanNotes,
  readScalingQuestions,
  readStatementPairs,
  writeEssentialsReason,
  formatDocumentName,
  ok,
  planRules,
  renderAgreedBoard,
  type DocumentPart,
  type PlanStatus,
  type Result,
} from '@kinboard/shared';
import { guestParticipantKey, staffParticipantKey } from '@kinboard/shared/access/participant-key';
import * as Y from 'yjs';
import { newId } from '../access/secrets.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import type { Logger } from '../log.ts';
import type { AgreedPlanVersion, Store, UpdateAuthor } from '../store/store.ts';
import { onClientEvent } from './client-event.ts';
import type { PlanStages } from './plan-stages.ts';
import { meetingRoom, staffRoom, type KinboardServer, type KinboardSocket } from './sockets.ts';

/** The server's hands on the board's documents (the sync server). */
export interface BoardDocuments {
  changeDocument(
    documentName: string,
    participant: string,
    author: UpdateAuthor | undefined,
    edit: (doc: Y.Doc) => void,
  ): Promise<void>;
  snapshotDocument(documentName: string): Promise<Uint8Array>;
  readDocument<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T>;
}

export interface PlanEventDeps {
  store: Store;
  log: Logger;
  audit: AuditLog;
  stages: PlanStages;
  documents: BoardDocuments;
  /** The server's one clock [CLOCK1]: when a plan is agreed dates what the journal since it holds [PASS11]. */
  now?: (() => number) | undefined;
}

const agreedParts: readonly DocumentPart[] = ['map', 'frame', 'plan'];
const keyOf = (data: KinboardSocket['data']): string | undefined =>
  data.participantId
    ? guestParticipantKey(data.participantId)
    : data.staffId
      ? staffParticipantKey(data.staffId)
      : undefined;

/**
 * The safety plan's events [PLAN2]-[PLAN7]: offers ("I can do this") and the chair's decision,
 * agreement (start, answer, finalise, reopen) and each screen's view of it. Every handler runs
 * validate -> authorise -> act through onClientEvent; then every screen of the meeting is told
 * `plan:changed` and asks again for what it may see.
 */
export function registerPlanEvents(socket: KinboardSocket, io: KinboardServer, deps: PlanEventDeps): void {
  const now = deps.now ?? Date.now;
  const { store, stages, documents } = deps;
  const meetingOf = () => socket.data.meetingId!;
  const planDocument = () => formatDocumentName({ meetingId: meetingOf(), part: 'plan' });

  const nameOf = async (): Promise<string | undefined> => {
    const { participantId, staffId } = socket.data;
    if (participantId) return (await store.getParticipant(participantId))?.name;
    if (staffId) return (await store.getStaff(staffId))?.name;
    return undefined;
  };

  const audit = async (
    action: AuditAction,
    detail: Record<string, string | number | boolean | undefined>,
  ) => {
    const meeting = await store.getMeeting(meetingOf());
    await deps.audit.record({
      actorKind: socket.data.staffId ? 'staff' : 'participant',
      actorId: socket.data.staffId ?? socket.data.participantId,
      action,
      familyId: meeting?.familyId,
      meetingId: meetingOf(),
      detail,
    });
  };

  /** Tells the meeting's screens (or only its staff) that the plan changed. */
  const announce = async (audience: 'everyone' | 'staff' = 'everyone') => {
    const { stage } = await store.getPlanAgreement(meetingOf());
    io.to(audience === 'staff' ? staffRoom(meetingOf()) : meetingRoom(meetingOf())).emit('plan:changed', {
      stage,
    });
  };

  const status = async (): Promise<Result<PlanStatus>> => {
    const view = await planStatusFor(store, meetingOf(), keyOf(socket.data), socket.data.role === 'staff');
    return ok({ ...view, yourName: await nameOf() });
  };

  const on = <
    E extends 'plan:status' | 'plan:offer' | 'plan:offer-decision' | 'plan:agreement' | 'plan:answer',
  >(
    event: E,
    act: Parameters<typeof onClientEvent<E, PlanStatus>>[3],
  ) => onClientEvent(socket, event, deps.log, act);

  on('plan:status', status);

  on('plan:offer', async ({ ruleId }) => {
    const key = keyOf(socket.data);
    const name = await nameOf();
    if (!key || !name) return fail('forbidden', 'Join the meeting with its code to offer.');
    if (await stages.load(meetingOf()).then((stage) => stage !== 'drafting'))
      return fail(
        'conflict',
        'The plan is locked while it is agreed. Offers wait until the chair reopens it.',
      );
    const rule = await documents.readDocument(planDocument(), (doc) =>
      planRules.read(doc).find((each) => each.id === ruleId),
    );
    if (!rule) return fail('not-found', 'That rule is no longer in the plan.');
    if (rule.who.some((person) => person.key === key))
      return fail('conflict', 'You are already named on this rule.');
    const offers = await store.listPlanOffers(meetingOf());
    const waiting = offers.some(
      (offer) => offer.ruleId === ruleId && offer.participantKey === key && offer.status === 'waiting',
    );
    if (!waiting) {
      await store.addPlanOffer({
        id: newId(),
        meetingId: meetingOf(),
        ruleId,
        participantKey: key,
        name,
        status: 'waiting',
        at: now(),
      });
      await audit('plan.offered', { ruleId });
      await announce();
    }
    return status();
  });

  on('plan:offer-decision', async ({ offerId, confirm }) => {
    const offer = (await store.listPlanOffers(meetingOf())).find((each) => each.id === offerId);
    if (!offer) return fail('not-found', 'There is no such offer in this meeting.');
    if (offer.status !== 'waiting') return fail('conflict', 'That offer has already been answered.');
    if (confirm && (await stages.load(meetingOf())) !== 'drafting')
      return fail('conflict', 'The plan is locked while it is agreed. Reopen it to add someone.');
    const by = socket.data.staffId ?? 'chair';
    const decided = await store.decidePlanOffer(offerId, confirm, by, now());
    if (!decided) return fail('conflict', 'That offer has already been answered.');
    // The server writes the person into the rule itself, stored before it is relayed [PLAN5].
    if (confirm) {
      const chairName = await nameOf();
      const author = chairName && socket.data.role ? { name: chairName, role: socket.data.role } : undefined;
      await documents.changeDocument(planDocument(), keyOf(socket.data) ?? 'server', author, (doc) =>
        planRules.addPerson(doc, offer.ruleId, { key: offer.participantKey, name: offer.name }),
      );
    }
    await audit('plan.offer-decided', { offerId, ruleId: offer.ruleId, confirmed: confirm });
    await announce();
    return status();
  });

  on('plan:agreement', async ({ action, reason }) => {
    const meetingId = meetingOf();
    const meeting = await store.getMeeting(meetingId);
    if (!meeting) return fail('not-found', 'There is no meeting with that link.');
    if (action === 'start') {
      if ((await stages.load(meetingId)) !== 'drafting')
        return fail('conflict', 'The plan is already being agreed, or agreed: reopen it to change it first.');
      // The essentials, or the chair's reason for going without them [PLAN9].
      const gaps = await essentialsOf(documents, meetingId);
      const missing = gapSentence(gaps);
      if (missing && !reason)
        return fail('conflict', `${missing} Add what is missing, or say why the meeting agrees without it.`);
      // The reason is the chair's words, credited to them in the board's history [HISTORY1].
      const chairName = await nameOf();
      const author = chairName && socket.data.role ? { name: chairName, role: socket.data.role } : undefined;
      await documents.changeDocument(planDocument(), keyOf(socket.data) ?? 'server', author, (doc) =>
        writeEssentialsReason(doc, missing ? reason! : ''),
      );
      const started = await store.startPlanAgreement(meetingId, now());
      if (!started)
        return fail('conflict', 'The plan is already being agreed, or agreed: reopen it to change it first.');
      stages.set(meetingId, 'agreeing');
      await audit('plan.agreement-started', { round: started.round, withoutEssentials: Boolean(missing) });
    } else if (action === 'reopen') {
      const reopened = await store.reopenPlan(meetingId);
      stages.set(meetingId, 'drafting');
      await audit('plan.reopened', { round: reopened.round });
    } else {
      const state = await store.getPlanAgreement(meetingId);
      if (state.stage !== 'agreeing') return fail('conflict', 'Start agreement before finalising the plan.');
      const version = await agreedVersion(
        store,
        documents,
        {
          meetingId,
          familyId: meeting.familyId,
          round: state.round,
          startedAt: state.startedAt ?? now(),
          agreedBy: socket.data.staffId ?? 'chair',
          chairKey: keyOf(socket.data),
          chairName: await nameOf(),
        },
        now(),
      );
      if (!(await store.finalisePlanVersion(version)))
        return fail('conflict', 'The plan changed stage meanwhile; nothing was stored.');
      stages.set(meetingId, 'agreed');
      await audit('plan.agreed', { version: version.version });
    }
    await announce();
    return status();
  });

  on('plan:answer', async ({ agrees, reason }) => {
    const key = keyOf(socket.data);
    const name = await nameOf();
    if (!key || !name) return fail('forbidden', 'Join the meeting with its code to answer.');
    const state = await store.getPlanAgreement(meetingOf());
    if (state.stage !== 'agreeing') return fail('conflict', 'There is nothing to agree to just now.');
    const recorded = await store.recordPlanAnswer({
      meetingId: meetingOf(),
      round: state.round,
      participantKey: key,
      name,
      role: socket.data.role ?? 'observer',
      agrees,
      reason: agrees ? undefined : reason,
      at: now(),
    });
    if (!recorded) return fail('conflict', 'There is nothing to agree to just now.');
    // The audit names who answered and how, never their words.
    await audit('plan.answered', { round: state.round, agrees });
    await announce('staff');
    return status();
  });
}

async function essentialsOf(documents: BoardDocuments, meetingId: string) {
  const [frame, plan] = await Promise.all([
    documents.readDocument(formatDocumentName({ meetingId, part: 'frame' }), (doc) => ({
      pairs: readStatementPairs(doc),
      questions: readScalingQuestions(doc),
    })),
    documents.readDocument(formatDocumentName({ meetingId, part: 'plan' }), (doc) => ({
      rules: planRules.read(doc),
      contingency: readPlanNotes(doc).contingency,
    })),
  ]);
  return essentialsGaps({ ...frame, ...plan });
}

/** What is missing, in one sentence for the chair; '' when nothing is. */
function gapSentence(gaps: ReturnType<typeof essentialsGaps>): string {
  if (!hasGaps(gaps)) return '';
  const parts = [
    gaps.uncovered.length > 0 ? `${gaps.uncovered.length} statement(s) have no rule answering them` : '',
    gaps.endlessQuestions.length > 0
      ? `${gaps.endlessQuestions.length} scaling question(s) do not say what 0 and 10 mean`
      : '',
    gaps.noContingency ? 'there is no contingency plan' : '',
  ].filter(Boolean);
  return `Not yet: ${parts.join('; ')}.`;
}

/** What one screen may see of the plan's status: staff everything, a guest their own. */
export async function planStatusFor(
  store: Store,
  meetingId: string,
  key: string | undefined,
  staff: boolean,
): Promise<PlanStatus> {
  const state = await store.getPlanAgreement(meetingId);
  const answers = state.stage === 'drafting' ? [] : await store.listPlanAnswers(meetingId, state.round);
  const offers = await store.listPlanOffers(meetingId);
  const mine = <T extends { participantKey: string }>(list: T[]) =>
    staff ? list : list.filter((each) => key !== undefined && each.participantKey === key);
  return {
    meetingId,
    stage: state.stage,
    round: state.round,
    answers: mine(answers).map(({ participantKey, name, role, agrees, reason, at }) => ({
      ...{ participantKey, name, role, agrees, at },
      ...(reason ? { reason } : {}),
    })),
    offers: mine(offers).map(({ id, ruleId, participantKey, name, status, at }) => ({
      ...{ id, ruleId, participantKey, name, status, at },
    })),
    versions: await store.listPlanVersions(meetingId),
    you: key,
  };
}

/**
 * The agreed version [PLAN6]: each document's exact bytes once writes in flight are stored (the
 * plan is locked, so nothing new arrives), the board read from those bytes through the typed
 * layer, who took part with which role, and every answer given in this round.
 */
async function agreedVersion(
  store: Store,
  documents: BoardDocuments,
  round: {
    meetingId: string;
    familyId: string;
    round: number;
    startedAt: number;
    agreedBy: string;
    chairKey: string | undefined;
    chairName: string | undefined;
  },
  agreedAt: number,
): Promise<AgreedPlanVersion> {
  const parts = await Promise.all(
    agreedParts.map(async (part) => ({
      part,
      data: await documents.snapshotDocument(formatDocumentName({ meetingId: round.meetingId, part })),
    })),
  );
  const docs = Object.fromEntries(
    parts.map(({ part, data }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, data);
      return [part, doc];
    }),
  ) as Record<'map' | 'frame' | 'plan', Y.Doc>;
  const board = renderAgreedBoard(docs);
  for (const doc of Object.values(docs)) doc.destroy();
  const answers = await store.listPlanAnswers(round.meetingId, round.round);
  const participants: AgreedPlanVersion['participants'] = (await store.listParticipants(round.meetingId))
    .filter((each) => each.status === 'admitted' && each.role)
    .map((each) => ({ participantKey: guestParticipantKey(each.id), name: each.name, role: each.role! }));
  if (round.chairKey && round.chairName)
    participants.unshift({ participantKey: round.chairKey, name: round.chairName, role: 'staff' });
  for (const answer of answers)
    if (!participants.some((each) => each.participantKey === answer.participantKey))
      participants.push({ participantKey: answer.participantKey, name: answer.name, role: answer.role });
  return {
    meetingId: round.meetingId,
    familyId: round.familyId,
    version: round.round,
    startedAt: round.startedAt,
    agreedAt,
    agreedBy: round.agreedBy,
    documents: parts,
    board,
    participants,
    answers,
  };
}
