/**
 * The collaboration wire vocabulary, shared by the server, the browser client and tests.
 * Message types 0-3 are the standard y-websocket ones; ours start at 100 so that a stock
 * client never receives one unless it asked for it.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Server → client, only for clients that connect with `?ack=1`:
 * `[100, varUint storedMessages, varUint8Array storedStateVector]` — the first `storedMessages`
 * update-carrying messages this socket sent are committed to the store, and the store holds at
 * least `storedStateVector`.
 */
export const MESSAGE_STORED = 100;
/**
 * Server → client, only for clients that connect with `?ack=1`: `[101, varUint readOnly (0|1),
 * varString reason]` — what this socket may do changed (the story was submitted, returned…).
 * Updates sent while read-only are refused; when writing is allowed again the server sends a
 * sync step 1 so the client sends what it has that the server lacks.
 */
export const MESSAGE_ACCESS = 101;
/**
 * The reason of an access message (101, read-only) sent to a socket whose token grants reading
 * only, once its user may write (added as a co-author): fetch a fresh token and reconnect.
 */
export const ACCESS_NEW_TOKEN = "read-only: writing allowed with a new token";
/** How an access reason starts when the socket may write only suggestions and comments. */
export const SUGGEST_ONLY = "suggest-only";
/**
 * Client → server: `[102, varString token]` — a fresh collaboration token for the same user and
 * story, sent before the socket's token expires. The server verifies it and keeps the socket
 * open until the new expiry; a token for anyone or anything else closes the socket (4401/4403).
 * A socket whose token expires unrenewed is closed with 4401 "token expired".
 */
export const MESSAGE_RENEW = 102;
/**
 * Both ways: `[103]`. A client that sends it gets it back at once (even before its document is
 * ready), so that it can tell a silent, dead connection from a quiet one. Stock clients never
 * send it and so never receive it.
 */
export const MESSAGE_HEARTBEAT = 103;

/** The close reason of a deactivated account's sockets (refused at the upgrade, or closed). */
export const ACCOUNT_DEACTIVATED = "unauthorized: account deactivated";

/** Sync sub-types (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Query parameter names of the collaboration URL. */
export const PARAM_TOKEN = "token";
export const PARAM_ACK = "ack";

/**
 * Close codes. 4400-4499 tell the stock y-websocket client not to reconnect (a deliberate
 * refusal); 4500-4599 and 1012 make it reconnect.
 */
export const CloseCode = {
  /** A frame larger than the configured maximum (set by the ws library itself). */
  messageTooBig: 1009,
  /** The server is restarting; reconnect. */
  serviceRestart: 1012,
  /** The server could not load or store the document; reconnect later. */
  tryAgainLater: 1013,
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** A story would pass its size limit (COLLAB_MAX_STORY_BYTES): nothing of the update is kept. */
  storyTooLarge: 4413,
  /**
   * The client sent a message that is not valid y-websocket protocol, or an update that does not
   * fit the story's schema (then nothing of it is kept). `offSchema` names the second use.
   */
  malformed: 4422,
  offSchema: 4422,
  /** The client sent too much before its document was ready. */
  flooding: 4429,
  /** The user already holds as many sockets as one user may (COLLAB_MAX_SOCKETS_PER_USER). */
  tooManySockets: 4429,
  /** The server failed unexpectedly; reconnect. */
  internal: 4500,
  /** The client fell too far behind reading; reconnect and resync. */
  slowConsumer: 4508,
  /** The client sent an update building on content the server lacks; reconnect and resync. */
  outOfSync: 4509,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Default largest accepted frame: 2 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 2 * 1024 * 1024;

const DOC_PREFIX = "stories/";
const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The document name (URL path) of a story's Y.Doc. */
export function docNameForStory(storyId: string): string {
  return `${DOC_PREFIX}${storyId}`;
}

/** The story id a document name refers to, or null if the name is not ours. */
export function storyIdFromDocName(docName: string): string | null {
  if (!docName.startsWith(DOC_PREFIX)) return null;
  const id = docName.slice(DOC_PREFIX.length);
  return idPattern.test(id) ? id : null;
}

/** Whether a message is a sync message that carries document content (step 2 or update). */
export function isUpdateCarrying(message: Uint8Array): boolean {
  // Both varUints are < 128 and so one byte each.
  return (
    message.length >= 2 &&
    message[0] === MESSAGE_SYNC &&
    (message[1] === SYNC_STEP2 || message[1] === SYNC_UPDATE)
  );
}
