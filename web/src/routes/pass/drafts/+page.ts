// The page works in the browser only: it trades the link's token for its cookie [PASS3].
export const ssr = false;
