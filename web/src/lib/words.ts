import type { ColumnId, DomainId } from '@kinboard/shared';

/**
 * Every word the interface shows, in one place, so it can move to the shared vocabulary
 * (Safety / Wellbeing / Success) later without touching components. Signs of Safety words.
 */
export const columnTitles: Record<ColumnId, string> = {
  worries: 'What are we worried about?',
  workingWell: "What's working well?",
  needsToHappen: 'What needs to happen?',
};

export const domainLabels: Record<DomainId, string> = {
  pastHarm: 'Harm',
  futureDanger: 'Danger',
  complicatingFactors: 'Complicating factors',
  existingStrengths: 'Existing strengths',
  existingSafety: 'Existing safety',
  goals: 'Safety goals',
  nextSteps: 'Next steps',
};

export const connectionWords = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline — your changes are kept on this screen and will be sent when you reconnect',
  saving: 'Saving…',
  saved: 'All changes saved',
  notSentYet: 'Not saved yet',
  unsavedOnStop:
    'Changes made on this screen since the last save are still shown here. Copy anything you need before reloading.',
  reload: 'Reload the page',
} as const;

/** What a person is told when the server has stopped this screen for good (see close-codes.ts). */
export function stoppedSentence(code: number): string {
  switch (code) {
    case 4401:
      return 'You have not been let into this meeting yet. Ask the chair to let you in, then reload the page.';
    case 4403:
      return 'This screen is not allowed to change the board.';
    case 4404:
      return 'This meeting could not be found. Check the link with the chair.';
    case 4410:
      return 'This meeting has finished. The board is no longer shared.';
    case 4413:
    case 1009:
      return 'That change was too big to send. Reload the page, then make the card shorter.';
    case 4426:
      return 'This page is out of date. Reload the page to carry on.';
    default:
      return 'The board stopped updating because something went wrong. Reload the page to carry on.';
  }
}

export const boardWords = {
  addCard: 'Add a card',
  addCardTo: (domain: string) => `Add a card to ${domain}`,
  cardLabel: (domain: string, author: string) => `Card in ${domain}, written by ${author}`,
  deleteCard: 'Delete',
  deleteCardLabel: (domain: string) => `Delete this card from ${domain}`,
  confirmDelete: 'Delete this card?',
  confirmYes: 'Yes, delete',
  confirmNo: 'Keep it',
  noCards: 'Nothing here yet.',
  yourName: 'Your name (shown on the cards you add)',
  guest: 'Guest',
  loading: 'Opening the board…',
  notFound: 'There is no meeting with that link. Check the link with the chair.',
  loadFailed: 'The board could not be opened. Check your connection, then reload the page.',
} as const;
