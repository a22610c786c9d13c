import { caseRecord, toPlainText } from '@kinboard/shared/export/index';
import { strToU8, zip, type Zippable } from 'fflate';
import { meetingItemHistory } from '../http/routes/history-routes.ts';
import type { Logger } from '../log.ts';
import type { AuditEntry, Family, Meeting, Store } from '../store/store.ts';
import { loadAgreedRecord } from './agreed-record.ts';
import { drawingsForExport } from './drawings-for-export.ts';
import type { RenderPool } from './render-pool.ts';

/** What the archive is made from: the store and the workers that draw Word files. */
export interface SubjectAccessSources {
  store: Store;
  renders: RenderPool;
  log: Logger;
  /** The family's audit entries, their personal details opened with its key [AUDIT6]. */
  audit: (familyId: string) => Promise<AuditEntry[]>;
  now: number;
}

/** A name for a file or folder in plain ASCII, as the exports' file names are. */
function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 50) || 'untitled'
  );
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

/**
 * Everything Kinboard holds about one family, as the files of one zip archive [RECORD6]: a
 * README in plain words, the family's details, per meeting its guests as kept, the history of
 * every card, statement, goal, bottom line and rule (who wrote each version and when), its
 * drawings and every agreed plan (the JSON of the version and the case record, as Word and
 * text), the family's revealed scaling rounds, and its audit entries with their personal
 * details readable. Answers the zip's bytes, compressed off the event loop (fflate's workers).
 */
export async function subjectAccessArchive(
  family: Family,
  sources: SubjectAccessSources,
): Promise<Uint8Array> {
  const { store } = sources;
  const files: Zippable = {};
  const details = await store.getFamilyDetails(family.id);
  files['family.json'] = json(details);

  const meetings = await store.listMeetingsOfFamily(family.id);
  const versions = await store.listPlanVersionsOfFamily(family.id);
  const folders: string[] = [];
  for (const [index, meeting] of meetings.entries()) {
    const folder = `meetings/${String(index + 1).padStart(2, '0')}-${meeting.date}-${slug(meeting.title)}`;
    folders.push(`${folder}/  ${meeting.title}, ${meeting.date}`);
    await addMeeting(files, folder, meeting, versions, sources);
  }

  files['scaling.json'] = json(
    (await store.listRevealedScalingOfFamily(family.id)).map(({ meeting, round, answers }) => ({
      meetingId: meeting.id,
      round,
      answers,
    })),
  );
  await addBetweenMeetings(files, family.id, store);
  files['audit.json'] = json(await auditWithNames(store, await sources.audit(family.id)));
  files['README.txt'] = strToU8(readme(family, folders, sources.now));
  return new Promise((resolve, reject) =>
    zip(files, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))),
  );
}

async function addMeeting(
  files: Zippable,
  folder: string,
  meeting: Meeting,
  versions: Awaited<ReturnType<Store['listPlanVersionsOfFamily']>>,
  { store, renders, log }: SubjectAccessSources,
): Promise<void> {
  const guests = await store.listParticipants(meeting.id);
  files[`${folder}/meeting.json`] = json({
    meeting: { ...meeting, joinCode: undefined, createdAt: iso(meeting.createdAt) },
    guests: guests.map((guest) => ({
      id: guest.id,
      // Empty once the guest's details were purged after the meeting [RETAIN1].
      name: guest.name,
      relationship: guest.relationship,
      role: guest.role ?? null,
      status: guest.status,
      joinedAt: iso(guest.createdAt),
      admittedAt: iso(guest.admittedAt),
    })),
  });
  files[`${folder}/history.json`] = json(await meetingItemHistory(store, meeting.id));
  const drawings = await drawingsForExport(store, meeting.id, log, renders);
  for (const drawing of drawings)
    if (drawing.png) files[`${folder}/drawings/${slug(drawing.title)}.png`] = drawing.png;
  files[`${folder}/views-sent-before.json`] = json(
    (await store.listViewsBefore(meeting.id)).map((view) => ({
      ...view,
      sentAt: iso(view.sentAt),
      broughtInAt: iso(view.broughtInAt),
    })),
  );
  for (const version of versions.filter((each) => each.meetingId === meeting.id)) {
    const record = await loadAgreedRecord(store, meeting, version.version);
    if (!record) continue;
    const name = `${folder}/plan-v${version.version}`;
    files[`${name}.json`] = json(record);
    files[`${name}-case-record.docx`] = await renders.docx(caseRecord(record, drawings));
    files[`${name}-case-record.txt`] = strToU8(toPlainText(caseRecord(record, drawings)));
  }
}

/**
 * What the family's network kept between meetings: the passes given (who held them, never their
 * secret), the safety journal with its replies and photos, and every copy of a plan given.
 */
async function addBetweenMeetings(files: Zippable, familyId: string, store: Store): Promise<void> {
  files['passes.json'] = json(
    (await store.listPassesOfFamily(familyId)).map(({ secretHash: _secret, ...pass }) => ({
      ...pass,
      createdAt: iso(pass.createdAt),
      endsAt: iso(pass.endsAt),
      revokedAt: iso(pass.revokedAt),
    })),
  );
  const journal = await store.listJournalOfFamily(familyId);
  files['safety-journal.json'] = json({
    entries: journal.entries.map((entry) => ({
      ...entry,
      writtenAt: iso(entry.writtenAt),
      readAt: iso(entry.readAt),
    })),
    replies: journal.replies.map((reply) => ({ ...reply, writtenAt: iso(reply.writtenAt) })),
  });
  for (const entryId of journal.photos) {
    const photo = await store.getJournalPhoto(familyId, entryId);
    if (photo)
      files[`safety-journal-photos/${entryId}.${photo.contentType.split('/')[1] ?? 'bin'}`] = photo.data;
  }
  files['copies-given.json'] = json(
    (await store.listCopiesOfFamily(familyId)).map((copy) => ({ ...copy, givenAt: iso(copy.givenAt) })),
  );
}

/** Entries with the staff member's name beside their id, so the file reads without Kinboard. */
async function auditWithNames(store: Store, entries: AuditEntry[]) {
  const names = new Map<string, string>();
  for (const entry of entries)
    if (entry.actorKind === 'staff' && entry.actorId && !names.has(entry.actorId))
      names.set(entry.actorId, (await store.getStaff(entry.actorId))?.name ?? '');
  return entries.map((entry) => ({
    ...entry,
    at: iso(entry.at),
    ...(entry.actorKind === 'staff' && entry.actorId ? { actorName: names.get(entry.actorId) } : {}),
  }));
}

function readme(family: Family, folders: readonly string[], now: number): string {
  return `Everything Kinboard holds about the ${family.name} family
${'='.repeat(50)}

Made on ${new Date(now).toISOString()} for a subject access request. Times are in UTC.
Each file is plain text (JSON or text) unless it says otherwise, and can be opened without
Kinboard.

family.json
  The family as it was entered: its name, the children (names and dates of birth) and the
  family's network (names, relationships and any contact details).

meetings/
  One folder for each meeting, in the order they were added:
${folders.map((folder) => `    ${folder}`).join('\n') || '    (no meetings)'}

  In each folder:
  meeting.json   The meeting (its kind, title, date and state) and the people who joined it
                 from a phone: the name and relationship they gave (empty when these were
                 cleared after the meeting, as Kinboard does by itself), their role, whether
                 they were let in, and when.
  history.json   Every card, worry and goal statement, bottom line and plan rule written on
                 the meeting's boards: each version of its words, who wrote it (the name and
                 role Kinboard recorded for them) and when; also versions that were removed.
  drawings/      The meeting's drawings (genogram, three houses, words and pictures) as
                 pictures (PNG), as they were last drawn.
  plan-vN.json   Each plan the meeting agreed (version N), exactly as agreed: the board,
                 who took part and what each person answered.
  plan-vN-case-record.docx, plan-vN-case-record.txt
                 The case record of that agreed plan, as a Word document and as plain text.
  views-sent-before.json
                 Views sent before the meeting by people who could not come: who sent each
                 (as Kinboard recorded them), when, what they said and their numbers, and
                 whether and when the chair brought it into the meeting.

passes.json
  The passes staff gave to people in the family's network to use between meetings: who held
  each, how they know the child, when it was given, its last day and whether it was taken back.
  Never the link itself.

safety-journal.json, safety-journal-photos/
  The family's safety journal: each entry as its writer wrote it (what happened, when, who was
  there, how the plan held and which rule it was about), with who wrote it and when, whether
  staff read it, and staff's replies; the photos or drawings added to entries.

copies-given.json
  Every copy of an agreed plan given to someone: which plan and version, what (the family's
  plan or a person's part), to whom, when and how (saved on their phone, emailed, downloaded).

scaling.json
  The scaling questions that were revealed in the family's meetings, with each answer, the
  number, the reason given, and who gave it.

audit.json
  Kinboard's record of who did what about this family and when: staff opening and closing
  meetings, people asking to join and being let in, plans agreed and exported. It never holds
  what was written on the boards. Where an entry names a person (the name a guest joined with)
  the name is shown here; Kinboard keeps it only encrypted with a key of the family's.
`;
}
