import {
  caseRecord,
  exportRequestSchema,
  familyPlan,
  myPartRequestSchema,
  exportLanguageSchema,
  exportWords,
  myPartSheet,
  pdfLayoutSchema,
  peopleInPlan,
  toMarkdown,
  toPlainText,
  type AgreedRecord,
  type ExportFormat,
} from '@kinboard/shared/export/index';
import { loadAgreedRecord } from '../../export/agreed-record.ts';
import { drawingsForExport } from '../../export/drawings-for-export.ts';
import { journalSinceLastMeeting } from '../../passes/journal-since.ts';
import { Metrics } from '../../ops/metrics.ts';
import type { Meeting } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { badRequest, fileReply, notFound, Reply } from '../reply.ts';
import { route } from '../router.ts';

/** The agreed version a request names, for staff with access to its family [EXPORT1]; never the live board. */
async function agreedRecordFor(
  context: ApiContext,
  version: number,
): Promise<{ record: AgreedRecord; staffId: string; meeting: Meeting } | Reply> {
  const allowed = await context.meetingOfStaff(context.params['meetingId']!);
  if (allowed instanceof Reply) return allowed;
  const record = await loadAgreedRecord(context.store, allowed.meeting, version);
  if (!record) return notFound('This meeting has no agreed plan with that version.');
  return { record, staffId: allowed.staff.id, meeting: allowed.meeting };
}

/** A file name people recognise in their downloads, in plain ASCII: `hollis-plan-v1-2026-11-20.pdf`. */
export function fileName(record: AgreedRecord, what: string, extension: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'family';
  const family = slug(record.family.name.replace(/ family$/i, ''));
  return `${family}-${slug(what)}-v${record.version.number}-${record.meeting.date}.${extension}`;
}

/** `?layout=a4|phone` for a PDF; anything else is refused rather than quietly ignored. */
function layoutOf(context: ApiContext) {
  const layout = pdfLayoutSchema.safeParse(context.url.searchParams.get('layout') ?? undefined);
  return layout.success ? layout.data : badRequest('Check layout: a4 or phone.', 'layout');
}

/** `?lang=en|cy|ar` for the family's files [LANG12]; anything else is refused. */
function languageOf(context: ApiContext) {
  const language = exportLanguageSchema.safeParse(context.url.searchParams.get('lang') ?? undefined);
  return language.success ? language.data : badRequest('Check lang: en, cy or ar.', 'lang');
}

const types: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * GET /api/meetings/:meetingId/plan-versions/:version/export/:format: the family's plan as PDF,
 * the case record as Word, Markdown or plain text (each with the meeting's drawings, when there
 * are any: pictures in PDF and Word, their titles in text), or the whole agreed version as JSON. Each export is written to the audit log before it
 * is sent [EXPORT2].
 */
async function exportVersion(context: ApiContext): Promise<Reply> {
  const request = exportRequestSchema.safeParse(context.params);
  if (!request.success)
    return badRequest('Ask for an agreed version by number, as pdf, docx, md, txt or json.');
  const layout = layoutOf(context);
  if (layout instanceof Reply) return layout;
  const language = languageOf(context);
  if (language instanceof Reply) return language;
  const { version, format } = request.data;
  const found = await agreedRecordFor(context, version);
  if (found instanceof Reply) return found;
  const { record } = found;
  // The JSON is the agreed version alone; drawings change after agreement, so they stay out of it.
  const drawings =
    format === 'json'
      ? []
      : await drawingsForExport(
          context.deps.store,
          record.meeting.id,
          context.deps.log,
          context.deps.renders,
          format === 'pdf' ? language : 'en',
        );
  // The case record summarises the safety journal since the last meeting, to the agreement [PASS11].
  const journal = ['docx', 'md', 'txt'].includes(format)
    ? (
        await journalSinceLastMeeting(
          context.store,
          found.meeting.familyId,
          found.meeting.id,
          record.version.agreedAt,
        )
      ).entries
    : [];
  // PDF and Word are drawn in the render pool's threads, off the event loop [EXPORT4].
  const renders = context.deps.renders;
  const body = await timedExport(context, format, async (): Promise<Uint8Array> => {
    if (format === 'pdf') return renders.pdf(familyPlan(record, drawings, language), { layout });
    if (format === 'docx') return renders.docx(caseRecord(record, drawings, journal));
    if (format === 'md') return Buffer.from(toMarkdown(caseRecord(record, drawings, journal)), 'utf8');
    if (format === 'txt') return Buffer.from(toPlainText(caseRecord(record, drawings, journal)), 'utf8');
    return Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
  });
  await context.audit.record({
    actorKind: 'staff',
    actorId: found.staffId,
    action: 'plan.exported',
    familyId: found.meeting.familyId,
    meetingId: found.meeting.id,
    detail: { version, format, ...(format === 'pdf' ? { layout, language } : {}) },
  });
  const names = exportWords.fileNames;
  const what = format !== 'pdf' ? names.record : layout === 'phone' ? names.planForPhones : names.plan;
  return fileReply(body, types[format], fileName(record, what, format));
}

/** Makes an export, timed for the operator's figures when they are on [OPS1]. */
function timedExport(
  context: ApiContext,
  format: string,
  make: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const metrics = context.deps.metrics;
  if (!metrics) return make();
  return Metrics.timed((seconds) => metrics.exports.observe({ format }, seconds), make);
}

/** GET /api/meetings/:meetingId/plan-versions/:version/my-part/:personKey: one person's jobs, as a one-page PDF. */
async function exportMyPart(context: ApiContext): Promise<Reply> {
  const request = myPartRequestSchema.safeParse(context.params);
  if (!request.success) return badRequest('Ask for an agreed version by number and a person the plan names.');
  const layout = layoutOf(context);
  if (layout instanceof Reply) return layout;
  const language = languageOf(context);
  if (language instanceof Reply) return language;
  const { version, personKey } = request.data;
  const found = await agreedRecordFor(context, version);
  if (found instanceof Reply) return found;
  const sheet = myPartSheet(found.record, personKey, language);
  if (!sheet) return notFound('The plan gives nobody by that name a job.');
  const body = await timedExport(context, 'my-part', () =>
    context.deps.renders.pdf(sheet, { onePage: true, layout }),
  );
  await context.audit.record({
    actorKind: 'staff',
    actorId: found.staffId,
    action: 'plan.exported',
    familyId: found.meeting.familyId,
    meetingId: found.meeting.id,
    // A person the plan knows only by name is named only in the sealed part [AUDIT6].
    detail: {
      version,
      format: 'my-part',
      layout,
      language,
      ...(personKey.startsWith('name:') ? {} : { person: personKey }),
    },
    ...(personKey.startsWith('name:') ? { personal: { person: personKey } } : {}),
  });
  const person = peopleInPlan(found.record.board).find((each) => each.id === personKey)?.name ?? personKey;
  const what = (layout === 'phone' ? exportWords.fileNames.myPartForPhones : exportWords.fileNames.myPart)(
    person,
  );
  return fileReply(body, types.pdf, fileName(found.record, what, 'pdf'));
}

export const exportRoutes = [
  route('GET', '/api/meetings/:meetingId/plan-versions/:version/export/:format', exportVersion),
  route('GET', '/api/meetings/:meetingId/plan-versions/:version/my-part/:personKey', exportMyPart),
];
