import { ACCOUNT_DEACTIVATED, CloseCode } from "./protocol";

/**
 * What the editor tells its user when the collaboration server closes the socket for good:
 * the codes whose reason is written for developers get a sentence of their own; the others'
 * reasons are shown as the server gave them.
 */
export function closeMessage(code: number, reason: string): string {
  if (reason === ACCOUNT_DEACTIVATED)
    return "This account has been deactivated, so this story can no longer be changed here. Ask an admin if you need the account again.";
  switch (code) {
    case CloseCode.offSchema:
      return "The server refused a change from this browser because it does not fit the story's format, so it was not saved. Reload the page to go on editing.";
    case CloseCode.storyTooLarge:
      return "This story has reached its size limit, so your latest change was not saved. Shorten the story (or split it in two), then reload the page.";
    default:
      return reason || "The server closed the connection.";
  }
}
