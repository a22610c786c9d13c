import { rootsOfPart, type ScreenKind } from '@kinboard/shared';
import * as Y from 'yjs';
import type { MeetingInfo } from '../meeting-info.ts';
import { FrameBoard } from './frame-board.svelte.ts';
import { LiveMeeting } from './live-meeting.svelte.ts';
import { MapBoard } from './map-board.svelte.ts';
import { MeetingConnection } from './meeting-connection.svelte.ts';
import { OwnUndo } from './own-undo.svelte.ts';
import { Presence } from './presence.svelte.ts';

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
  readonly presence: Presence;
  readonly undo: OwnUndo;
  readonly #docs: Y.Doc[];

  constructor(info: MeetingInfo, screen: ScreenKind, name: string) {
    const mapDoc = new Y.Doc();
    const frameDoc = new Y.Doc();
    this.#docs = [mapDoc, frameDoc];
    const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${protocol}://${location.host}/yjs`;
    this.mapConnection = new MeetingConnection(mapDoc, url, info.documents.map, { presence: true, screen });
    this.frameConnection = new MeetingConnection(frameDoc, url, info.documents.frame, { screen });
    this.map = new MapBoard(mapDoc);
    this.frame = new FrameBoard(frameDoc);
    this.live = new LiveMeeting(info.meeting.id, screen);
    this.presence = new Presence(this.mapConnection.awareness, { name, screen, column: null, typing: null });
    // Every root of the map document (today only the cards).
    this.undo = new OwnUndo(rootsOfPart.map.map((root) => mapDoc.getMap(root)));
  }

  destroy(): void {
    this.undo.destroy();
    this.presence.destroy();
    this.live.destroy();
    this.map.destroy();
    this.frame.destroy();
    this.mapConnection.destroy();
    this.frameConnection.destroy();
    for (const doc of this.#docs) doc.destroy();
  }
}
