/** Every state a story can be in. */
export const storyStatuses = [
  "draft",
  "submitted",
  "approved",
  "published",
  "unpublished",
] as const;
export type StoryStatus = (typeof storyStatuses)[number];

export const statusLabels: Record<StoryStatus, string> = {
  draft: "Draft",
  submitted: "Awaiting review",
  approved: "Approved",
  published: "Published",
  unpublished: "Unpublished",
};

export function isStoryStatus(value: string): value is StoryStatus {
  return (storyStatuses as readonly string[]).includes(value);
}

/** States in which authors who are not on the desk can only read: the desk is reviewing. */
export const deskOnlyStates: readonly StoryStatus[] = ["submitted", "approved"];
