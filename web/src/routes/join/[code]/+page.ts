// The join pages work in the browser only: they talk to the API with the phone's own cookie.
export const ssr = false;
