import { perspectives, rootsOfPart, type Perspective, type ScreenKind } from '@kinboard/shared';
import * as Y from 'yjs';
import type { MeetingInfo, Writer } from '../meeting-info.ts';
import { FrameBoard } from './frame-board.svelte.ts';
import { LiveMeeting } from './live-meeting.svelte.ts';
import { MapBoard } from './map-board.svelte.ts';
import { MeetingConnection } from './meeting-connection.svelte.ts';
import { OwnUndo } from './own-undo.svelte.ts';
import { PlanBoard } from './plan-board.svelte.ts';
import { PlanLive } from './plan-live.svelte.ts';
import { Presence } from './presence.svelte.ts';

/** Roles that only read the board. */
const readOnlyRoles = ['observer', 'projector'];

/**
 * Everything one screen holds for a meeting: the map and frame documents with their
 * connections, the chair's live state over socket.io, presence and this screen's own undo.
 */
export class MeetingSession {
  readonly map: MapBoard;
  readonly frame: FrameBoard;
  readonly mapConnection: MeetingConnection;
  readonly frameConnection: MeetingConnection;
  readonly live: LiveMeeting;
  /** The safety plan: its document, and what the server decides about it. */
  readonly plan: PlanBoard;
  readonly planConnection: MeetingConnection;
  readonly planLive: PlanLive;
  readonly presence: Presence;
  readonly undo: OwnUndo;
  /** Who this screen writes as; the chair may change a guest's role during the meeting. */
  writer: Writer | undefined = $state();
  readonly #screen: ScreenKind;
  readonly #docs: Y.Doc[];
  #offRole: () => void = () => {};

  constructor(info: MeetingInfo, screen: ScreenKind, name: string) {
    const mapDoc = new Y.Doc();
    const frameDoc = new Y.Doc();
    const planDoc = new Y.Doc();
    this.#docs = [mapDoc, frameDoc, planDoc];
    const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${protocol}://${location.host}/yjs`;
    this.mapConnection = new MeetingConnection(mapDoc, url, info.documents.map, { presence: true, screen });
    this.frameConnection = new MeetingConnection(frameDoc, url, info.documents.frame, { screen });
    this.map = new MapBoard(mapDoc);
    this.frame = new FrameBoard(frameDoc);
    const planName = info.documents.plan ?? `${info.meeting.id}.plan`;
    this.planConnection = new MeetingConnection(planDoc, url, planName, { screen });
    this.plan = new PlanBoard(planDoc);
    this.live = new LiveMeeting(info.meeting.id, screen);
    this.planLive = new PlanLive(this.live);
    this.presence = new Presence(this.mapConnection.awareness, { name, screen, column: null, typing: null });
    // Every root of the map document (today only the cards).
    this.undo = new OwnUndo(rootsOfPart.map.map((root) => mapDoc.getMap(root)));
    this.#screen = screen;
    this.writer = info.writer;
    this.map.authorId = info.writer?.key;
    this.#offRole = this.live.onServerEvent('participant:role', (change) => {
      const role = (change as { role?: unknown } | null)?.role;
      if (this.writer?.kind === 'guest' && typeof role === 'string') this.writer = { ...this.writer, role };
    });
  }

  /** Whether this screen may add cards: not the projector, not an observer. The server decides too. */
  get mayAdd(): boolean {
    if (this.#screen === 'projector') return false;
    return this.writer?.kind !== 'guest' || !readOnlyRoles.includes(this.writer.role);
  }

  /** Whether this screen may change a card: staff and open boards any, a guest only their own. */
  mayChange(card: { authorId?: string | undefined }): boolean {
    if (!this.mayAdd) return false;
    return this.writer?.kind !== 'guest' || card.authorId === this.writer.key;
  }

  /** The perspective a guest's cards are written from, by the role the chair gave them. */
  get perspective(): Perspective | undefined {
    const role = this.writer?.kind === 'guest' ? this.writer.role : undefined;
    return (perspectives as readonly string[]).includes(role ?? '') ? (role as Perspective) : undefined;
  }

  destroy(): void {
    this.#offRole();
    this.undo.destroy();
    this.presence.destroy();
    this.planLive.destroy();
    this.live.destroy();
    this.plan.destroy();
    this.planConnection.destroy();
    this.map.destroy();
    this.frame.destroy();
    this.mapConnection.destroy();
    this.frameConnection.destroy();
    for (const doc of this.#docs) doc.destroy();
  }
}
