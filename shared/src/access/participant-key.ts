/**
 * The one name a person writes under on the board: stored updates are stamped with it [SYNC13],
 * and a card's `authorId` holds it [ACCESS15]. Staff and guests have ids from different tables,
 * so the prefix keeps them apart.
 */
export const staffParticipantKey = (staffId: string): string => `staff:${staffId}`;
export const guestParticipantKey = (participantId: string): string => `guest:${participantId}`;
