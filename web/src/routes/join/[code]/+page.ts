// Rendered on the server: on a slow phone the form is there and works before the script has
// come, and it asks to join without script at all [LANG17]. The page then talks to the API with
// the phone's own cookie, as before.
export const ssr = true;
