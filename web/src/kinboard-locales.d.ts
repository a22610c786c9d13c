// web/messages-plugin.ts: one loader per language other than English, in the browser's build.
declare module 'virtual:kinboard-locales' {
  export const loaders: Partial<Record<string, () => Promise<Record<string, unknown>>>>;
}
