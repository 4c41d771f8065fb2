import { announce } from "../collab/announce";
import { createLogger, describeError } from "../log";

const log = createLogger("notifications");

/**
 * Runs a notification step after the change it reports has committed, and pushes the changed
 * inboxes to their people's open pages. Never throws: the change stands whatever happens here.
 */
export async function deliver(notify: () => Promise<string[]>): Promise<void> {
  try {
    const userIds = await notify();
    if (userIds.length > 0)
      announce({ type: "inbox", userIds: [...new Set(userIds)] });
  } catch (error) {
    log.error("notifying failed", { error: describeError(error) });
  }
}
