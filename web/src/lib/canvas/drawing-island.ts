/**
 * The tldraw island: the only module that imports React and tldraw [DRAW6]. The drawing page
 * imports it with a dynamic `import()` once a drawing is opened, so no other screen (the phone's
 * join and board screens above all) ever downloads it. React is mounted into one element the
 * Svelte page owns; everything crossing that edge is plain data and callbacks.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { maxDrawingImageSide, type DrawingCanvas } from '@kinboard/shared';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import {
  atom,
  computed,
  createShapeId,
  createTLCurrentUser,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  Tldraw,
  toRichText,
  type Editor,
  type TLShapePartial,
  type TLUserPreferences,
} from 'tldraw';
import 'tldraw/tldraw.css';
import type * as Y from 'yjs';
import { DrawingBinding, type DrawingLoad } from './drawing-binding.ts';

/** The words a template is drawn with, in the reader's language, from the page's catalogue. */
export interface TemplateWords {
  houseGood: string;
  houseWorries: string;
  houseDreams: string;
  circleClosest: string;
  circleHelp: string;
  circleFurther: string;
  storyFrame: (number: number) => string;
}

export interface DrawingIslandOptions {
  doc: Y.Doc;
  canvas: DrawingCanvas;
  canWrite: boolean;
  licenseKey: string | undefined;
  words: TemplateWords;
  /** After every edit this screen makes to the drawing (not other screens'). */
  onEdited: () => void;
  /** Another screen saved the drawing with a newer tldraw. */
  onNewerSchema: () => void;
  /** The person keys (`network:<id>`, `child:<id>`) placed on the drawing, whenever they change. */
  onPeopleChanged: (keys: ReadonlySet<string>) => void;
}

export interface DrawingIsland {
  readonly load: DrawingLoad;
  /** Puts a shape for a person from the family's network on the drawing, linked by their key. */
  placePerson(person: { key: string; name: string }): void;
  /** The whole drawing as a PNG, or undefined when there is nothing on it. */
  toPng(): Promise<Blob | undefined>;
  destroy(): void;
}

/** The document meta field that says a canvas's template was drawn (so deleting it all keeps it gone). */
const templateMeta = 'kinboardTemplate';
/** Images people paste are kept inside the drawing: keep them small enough to sync. */
const maxAssetBytes = 512 * 1024;

/**
 * tldraw keeps a person's preferences (an id, a colour, dark mode) in localStorage by default.
 * Kinboard keeps nothing on a family's phone: the preferences live for the page only, and no
 * user record is stamped on shapes (who drew what is the sync server's record, not the drawing's).
 */
function pageOnlyUser() {
  const preferences = atom<TLUserPreferences>('kinboard user', { id: crypto.randomUUID() });
  return createTLCurrentUser({
    userPreferences: preferences,
    setUserPreferences: (next) => preferences.set(next),
  });
}
const noUsers = { currentUser: computed('kinboard no user', () => null) };

export function mountDrawing(element: HTMLElement, options: DrawingIslandOptions): DrawingIsland {
  const store = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    users: noUsers,
  });
  const binding = new DrawingBinding(store, options.doc, { canWrite: options.canWrite });
  binding.onNewerSchema = options.onNewerSchema;
  const load = binding.load();
  let editor: Editor | undefined;
  const cleanups: (() => void)[] = [() => binding.dispose()];
  const root = load.ok ? createRoot(element) : undefined;

  const reportPeople = () => {
    const keys = new Set<string>();
    for (const shape of store.query.records('shape').get()) {
      const key = shape.meta['personKey'];
      if (typeof key === 'string') keys.add(key);
    }
    options.onPeopleChanged(keys);
  };

  root?.render(
    createElement(Tldraw, {
      store,
      user: pageOnlyUser(),
      licenseKey: options.licenseKey,
      // Fonts, icons and translations from Kinboard's own build, never a CDN [DRAW7].
      assetUrls: getAssetUrlsByImport(),
      // Embeds would frame other sites, which the Content-Security-Policy refuses anyway.
      embeds: [],
      maxAssetSize: maxAssetBytes,
      onMount: (mounted: Editor) => {
        editor = mounted;
        mounted.updateInstanceState({ isReadonly: !options.canWrite });
        if (options.canWrite) drawTemplate(mounted, options.canvas, options.words);
        mounted.zoomToFit({ animation: { duration: 0 } });
      },
    }),
  );
  if (load.ok) {
    if (options.canWrite)
      cleanups.push(store.listen(() => options.onEdited(), { source: 'user', scope: 'document' }));
    cleanups.push(store.listen(reportPeople, { scope: 'document' }));
    reportPeople();
  }

  return {
    load,
    placePerson(person) {
      if (!editor || !options.canWrite) return;
      const centre = editor.getViewportPageBounds().center;
      const placed = store.query
        .records('shape')
        .get()
        .filter((shape) => shape.meta['personKey']).length;
      // Each new person a little further along, so several placed at once do not hide each other.
      editor.createShape({
        id: createShapeId(),
        type: 'geo',
        x: centre.x - 80 + (placed % 5) * 24,
        y: centre.y - 40 + (placed % 5) * 24,
        props: { geo: 'ellipse', w: 160, h: 80, richText: toRichText(person.name), fill: 'semi' },
        meta: { personKey: person.key },
      });
    },
    async toPng() {
      if (!editor) return undefined;
      const shapes = [...editor.getCurrentPageShapeIds()];
      if (shapes.length === 0) return undefined;
      // Sharp (two pixels a unit) for a drawing of ordinary size, but never near the server's
      // limit, however far the shapes are spread: the server refuses a picture past it.
      const padding = 32;
      const bounds = editor.getShapesPageBounds(shapes);
      const side = bounds ? Math.max(bounds.width, bounds.height) + 2 * padding : 1;
      const scale = Math.min(2, maxDrawingImageSide / 2 / side);
      const image = await editor.toImage(shapes, {
        format: 'png',
        background: true,
        padding,
        scale,
        pixelRatio: 1,
      });
      return image.blob;
    },
    destroy() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      root?.unmount();
      store.dispose();
    },
  };
}

/**
 * Draws a canvas's starting picture once per drawing, with fixed ids, so two screens opening a
 * new drawing at the same moment draw the same shapes rather than two copies: the three houses
 * for a child to fill, the frames of a words and pictures story, the genogram's safety circles.
 */
function drawTemplate(editor: Editor, canvas: DrawingCanvas, words: TemplateWords): void {
  if (editor.getDocumentSettings().meta[templateMeta]) return;
  const shapes = canvas === 'houses' ? houses(words) : canvas === 'story' ? story(words) : circles(words);
  editor.run(() => {
    editor.createShapes(shapes.filter((shape) => !editor.getShape(shape.id)));
    editor.updateDocumentSettings({ meta: { ...editor.getDocumentSettings().meta, [templateMeta]: canvas } });
  });
}

function label(
  id: string,
  x: number,
  y: number,
  text: string,
  w: number,
  size: 'm' | 'l' = 'l',
): TLShapePartial {
  return {
    id: createShapeId(id),
    type: 'text',
    x,
    y,
    isLocked: true,
    props: { richText: toRichText(text), autoSize: false, w, textAlign: 'middle', size },
  };
}

function houses(words: TemplateWords): TLShapePartial[] {
  const names = [
    ['good', words.houseGood, 'green'],
    ['worries', words.houseWorries, 'red'],
    ['dreams', words.houseDreams, 'blue'],
  ] as const;
  return names.flatMap(([key, name, color], index) => {
    const x = index * 420;
    return [
      {
        id: createShapeId(`house-${key}-roof`),
        type: 'geo',
        x,
        y: 0,
        isLocked: true,
        props: { geo: 'triangle', w: 360, h: 140, color, dash: 'draw' },
      },
      {
        id: createShapeId(`house-${key}-walls`),
        type: 'geo',
        x: x + 30,
        y: 140,
        isLocked: true,
        props: { geo: 'rectangle', w: 300, h: 320, color, dash: 'draw' },
      },
      label(`house-${key}-name`, x, 480, name, 360),
    ] as TLShapePartial[];
  });
}

function story(words: TemplateWords): TLShapePartial[] {
  return Array.from({ length: 6 }, (_, index) => ({
    id: createShapeId(`story-frame-${index + 1}`),
    type: 'frame',
    x: (index % 3) * 400,
    y: Math.floor(index / 3) * 340,
    props: { w: 360, h: 280, name: words.storyFrame(index + 1) },
  }));
}

function circles(words: TemplateWords): TLShapePartial[] {
  const rings = [
    // Widest first, so the smaller rings lie on top.
    ['further', words.circleFurther, 720],
    ['help', words.circleHelp, 480],
    ['closest', words.circleClosest, 240],
  ] as const;
  // The safety circles sit to the right of the space left for the genogram.
  const centre = { x: 1400, y: 400 };
  return rings.flatMap(([key, name, size]) => [
    {
      id: createShapeId(`circle-${key}`),
      type: 'geo',
      x: centre.x - size / 2,
      y: centre.y - size / 2,
      isLocked: true,
      props: { geo: 'ellipse', w: size, h: size, dash: 'dashed', color: 'grey' },
    },
    label(`circle-${key}-name`, centre.x - 150, centre.y - size / 2 + 10, name, 300, 'm'),
  ]) as TLShapePartial[];
}
