import { perspectives, rootsOfPart, type Perspective, type ScreenKind } from '@kinboard/shared';
import * as Y from 'yjs';
import type { MeetingInfo, Writer } from '../meeting-info.ts';
import { creditLabel } from '$lib/i18n/credit-label.ts';
import { Credits } from './credits.svelte.ts';
import { FrameBoard } from './frame-board.svelte.ts';
import { LiveMeeting } from './live-meeting.svelte.ts';
import { MapBoard } from './map-board.svelte.ts';
import { MeetingConnection, type RefusedEdit } from './meeting-connection.svelte.ts';
import { OwnUndo } from './own-undo.svelte.ts';
import { PlanBoard } from './plan-board.svelte.ts';
import { PlanLive } from './plan-live.svelte.ts';
import { Presence } from './presence.svelte.ts';

/** Roles that only read the board. */
const readOnlyRoles = ['observer', 'projector'];

/**
 * Everything one screen holds for a meeting: the map and frame documents with their
 * connections, the chair's live state over socket.io, presence and this screen's own undo.
 * `map`, `frame`, `plan` and `undo` are reactive: each is built again over a fresh document
 * when its connection starts afresh after a refused edit [SYNC22], and components that read
 * them through the session follow.
 */
export class MeetingSession {
  map: MapBoard;
  frame: FrameBoard;
  readonly mapConnection: MeetingConnection;
  readonly frameConnection: MeetingConnection;
  readonly live: LiveMeeting;
  /** The safety plan: its document, and what the server decides about it. */
  plan: PlanBoard;
  readonly planConnection: MeetingConnection;
  readonly planLive: PlanLive;
  readonly presence: Presence;
  /** Who wrote each card, by the name and relationship the server recorded [FIRST3]. */
  readonly credits: Credits;
  undo: OwnUndo;
  /** Who this screen writes as; the chair may change a guest's role during the meeting. */
  writer: Writer | undefined = $state();
  readonly #screen: ScreenKind;
  readonly #offs: (() => void)[] = [];

  constructor(info: MeetingInfo, screen: ScreenKind, name: string) {
    const mapDoc = new Y.Doc();
    const frameDoc = new Y.Doc();
    const planDoc = new Y.Doc();
    const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${protocol}://${location.host}/yjs`;
    this.mapConnection = new MeetingConnection(mapDoc, url, info.documents.map, { presence: true, screen });
    this.frameConnection = new MeetingConnection(frameDoc, url, info.documents.frame, { screen });
    this.map = $state.raw(new MapBoard(mapDoc));
    this.frame = $state.raw(new FrameBoard(frameDoc));
    const planName = info.documents.plan ?? `${info.meeting.id}.plan`;
    this.planConnection = new MeetingConnection(planDoc, url, planName, { screen });
    this.plan = $state.raw(new PlanBoard(planDoc));
    this.live = new LiveMeeting(info.meeting.id, screen);
    this.planLive = new PlanLive(this.live);
    this.credits = new Credits(info.meeting.id);
    this.presence = new Presence(this.mapConnection.awareness, { name, screen, column: null, typing: null });
    this.undo = $state.raw(ownUndoOf(mapDoc));
    this.#screen = screen;
    this.writer = info.writer;
    this.map.authorId = info.writer?.key;
    this.#offs.push(
      this.live.onServerEvent('participant:role', (change) => {
        const role = (change as { role?: unknown } | null)?.role;
        if (this.writer?.kind === 'guest' && typeof role === 'string') this.writer = { ...this.writer, role };
      }),
      // A refused edit: the board is built again over the document as the server has it [SYNC22].
      this.mapConnection.onFreshDoc((doc) => {
        const [oldMap, oldUndo] = [this.map, this.undo];
        this.map = new MapBoard(doc);
        this.map.authorId = info.writer?.key;
        this.undo = ownUndoOf(doc);
        oldMap.destroy();
        oldUndo.destroy();
      }),
      this.frameConnection.onFreshDoc((doc) => {
        const old = this.frame;
        this.frame = new FrameBoard(doc);
        old.destroy();
      }),
      this.planConnection.onFreshDoc((doc) => {
        const old = this.plan;
        this.plan = new PlanBoard(doc);
        old.destroy();
      }),
    );
  }

  /** The edit the server last refused on any of this screen's documents, until dismissed. */
  get refused(): { connection: MeetingConnection; edit: RefusedEdit } | undefined {
    let latest: { connection: MeetingConnection; edit: RefusedEdit } | undefined;
    for (const connection of [this.mapConnection, this.frameConnection, this.planConnection]) {
      const edit = connection.refused;
      if (edit && (!latest || edit.at > latest.edit.at)) latest = { connection, edit };
    }
    return latest;
  }

  /** False while the server cannot save: everything is shown read-only [RECORD4]. */
  get saving(): boolean {
    return this.mapConnection.saving && this.frameConnection.saving && this.planConnection.saving;
  }

  /**
   * Whether this screen may add cards: not the projector, not an observer, not while the server
   * cannot save. The server decides too.
   */
  get mayAdd(): boolean {
    if (this.#screen === 'projector' || !this.saving) return false;
    return this.writer?.kind !== 'guest' || !readOnlyRoles.includes(this.writer.role);
  }

  /** Whether this screen may change a card: staff and open boards any, a guest only their own. */
  mayChange(card: { authorId?: string | undefined }): boolean {
    if (!this.mayAdd) return false;
    return this.writer?.kind !== 'guest' || card.authorId === this.writer.key;
  }

  /** How a card's writer is shown: "Pat Hollis (Nan)", from what the server recorded. */
  creditOf(card: { author: string; authorId?: string | undefined }): string {
    return creditLabel(this.credits.of(card.authorId, card.author));
  }

  /**
   * Who made a plan rule, fire drill or next step, as the server recorded them [FIRST9];
   * nothing for an entry without a writer (the seed, plans from before sign-in).
   */
  writerOf(entry: { authorId?: string | undefined }): string | undefined {
    const credit = this.credits.of(entry.authorId, '');
    return credit.name ? creditLabel(credit) : undefined;
  }

  /** The name this screen's own cards carry: the one the server recorded, once it has said. */
  ownName(fallback: string): string {
    return this.credits.nameOf(this.writer?.key) ?? fallback;
  }

  /** The perspective a guest's cards are written from, by the role the chair gave them. */
  get perspective(): Perspective | undefined {
    const role = this.writer?.kind === 'guest' ? this.writer.role : undefined;
    return (perspectives as readonly string[]).includes(role ?? '') ? (role as Perspective) : undefined;
  }

  destroy(): void {
    for (const off of this.#offs) off();
    this.undo.destroy();
    this.credits.destroy();
    this.presence.destroy();
    this.planLive.destroy();
    this.live.destroy();
    this.plan.destroy();
    this.planConnection.destroy();
    this.map.destroy();
    this.frame.destroy();
    this.mapConnection.destroy();
    this.frameConnection.destroy();
    for (const connection of [this.mapConnection, this.frameConnection, this.planConnection])
      connection.doc.destroy();
  }
}

/** This screen's own undo over every root of the map document (today only the cards). */
function ownUndoOf(mapDoc: Y.Doc): OwnUndo {
  return new OwnUndo(rootsOfPart.map.map((root) => mapDoc.getMap(root)));
}
