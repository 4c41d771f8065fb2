import type { Store } from "../db/client";
import { deliver } from "./deliver";
import { notifyScheduledPublication } from "./notify";

/** The scheduler published `storyIds`: their authors are told, live. */
export function tellScheduledPublication(
  store: Store,
  storyIds: readonly string[],
): Promise<void> {
  return deliver(() => notifyScheduledPublication(store, storyIds));
}
