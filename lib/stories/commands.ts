import type { z } from "zod";
import type { Store } from "../db/client";
import { presentStory, type StoryView } from "../db/presenters";
import { moveStory } from "../db/story-moves";
import { createStory, type StoryRecord } from "../db/story-rows";
import { inTransaction } from "../db/transaction";
import type { UserRow } from "../db/users";
import { snapshotStory } from "../db/versions";
import { loadStoryDoc } from "../db/documents";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { openSuggestionCount } from "../editor/suggestions/count";
import { AppError } from "../errors";
import { can, canCreateStory } from "../workflow/permissions";
import { statusLabels } from "../workflow/states";
import { assertTransition } from "../workflow/transitions";
import { loadVisibleStory, storyDetails, type StoryDetails } from "./details";
import { snapshotApproval } from "./approval";
import { assertNotEmbargoed, setEmbargo } from "./embargo";
import { publishStory, unpublishStory } from "./publishing";
import type { transitionBody, updateStoryBody } from "./requests";
import {
  searchSocialColumns,
  searchSocialOf,
  type SearchSocial,
} from "./search-social";
import { renameStorySlug } from "./slugs";

/** Creates a story by `actor` with `headline` (may be empty); returns its view. */
export async function createStoryFor(
  store: Store,
  actor: UserRow,
  headline: string,
): Promise<StoryView> {
  if (!canCreateStory(actor))
    throw new AppError("forbidden", "You may not create stories.");
  const story = await createStory(store, {
    author: actor,
    headline,
    initialDocument: encodeInitialStoryDocument({ headline }),
  });
  return presentStory(story, new Map([[actor.id, actor]]));
}

/** Moves a story to `to`; throws 403/409 AppErrors with the reason. */
export async function transitionStory(
  store: Store,
  actor: UserRow,
  id: string,
  body: z.infer<typeof transitionBody>,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (body.from && body.from !== story.status) {
    throw new AppError(
      "conflict",
      `The story is now ${statusLabels[story.status].toLowerCase()}, no longer ${statusLabels[body.from].toLowerCase()}: someone moved it meanwhile.`,
    );
  }
  const rule = assertTransition(actor, story, body.to, body.note);
  if (body.to === "approved" || body.to === "published")
    await assertNoOpenSuggestions(store, story);
  const at = body.at ? new Date(body.at) : null;
  if (at && at.getTime() > Date.now() + 1000) {
    await scheduleStory(store, story, actor, at, body.note);
    return storyDetails(store, actor, id);
  }
  if (body.to === "published") assertNotEmbargoed(story, "publishing it");
  // Every transition keeps the document as it was at that moment; an approval also keeps a
  // digest of the text it approves, which any later change of it lapses (lib/stories/approval).
  const approval =
    body.to === "approved"
      ? await snapshotApproval(store, story, {
          name: rule.label,
          actorId: actor.id,
        })
      : null;
  if (!approval)
    await snapshotStory(store, story, {
      name: rule.label,
      kind: "transition",
      actorId: actor.id,
    });
  if (body.to === "published") {
    await publishStory(
      store,
      story,
      actor,
      body.note,
      body.correction
        ? { kind: body.correctionKind ?? "correction", text: body.correction }
        : null,
    );
  } else if (body.to === "unpublished") {
    await unpublishStory(store, story, actor, body.note);
  } else {
    await inTransaction(store, (db) =>
      moveStory(db, {
        storyId: id,
        from: story.status,
        to: body.to,
        // Leaving "approved" cancels a scheduled publication.
        set: {
          scheduled_at: null,
          approved_digest: approval?.digest ?? null,
          approved_version_id: approval?.versionId ?? null,
        },
        event: { kind: "transition", actorId: actor.id, note: body.note },
      }),
    );
  }
  return storyDetails(store, actor, id);
}

/**
 * Approval and publication are of the text as it stands: refused (409 unresolved_suggestions,
 * details `{count}`) while the stored document holds suggestions nobody accepted or rejected.
 */
async function assertNoOpenSuggestions(
  store: Store,
  story: StoryRecord,
): Promise<void> {
  const count = openSuggestionCount(await loadStoryDoc(store, story.id));
  if (count > 0)
    throw new AppError(
      "unresolved_suggestions",
      `${count} suggestion${count === 1 ? " is" : "s are"} still open: accept or reject ${count === 1 ? "it" : "them"} first.`,
      { count },
    );
}

/** Sets when an approved story goes live by itself. Throws conflict unless it is approved. */
async function scheduleStory(
  store: Store,
  story: StoryRecord,
  actor: UserRow,
  at: Date,
  note?: string,
): Promise<void> {
  if (story.status !== "approved") {
    throw new AppError(
      "conflict",
      "Only an approved story can be scheduled; publish it now or approve it first.",
    );
  }
  assertNotEmbargoed(story, "going live", at.getTime());
  await inTransaction(store, (db) =>
    moveStory(db, {
      storyId: story.id,
      from: "approved",
      set: { scheduled_at: at.toISOString() },
      event: {
        kind: "scheduled",
        actorId: actor.id,
        fromStatus: "approved",
        toStatus: "published",
        note: [at.toISOString(), note].filter(Boolean).join(" · "),
      },
    }),
  );
}

/**
 * Changes what an editor may change directly on a story: its slug, its embargo, its search and
 * social texts. Throws 403/409/422.
 */
export async function updateStory(
  store: Store,
  actor: UserRow,
  id: string,
  body: z.infer<typeof updateStoryBody>,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (body.slug !== undefined && body.slug !== story.slug) {
    if (!can(actor, "change-slug", story)) {
      throw new AppError(
        "forbidden",
        "Only editors can change a story's address.",
      );
    }
    // A published story's old address keeps working: it redirects (301) to the new one.
    await renameStorySlug(store, id, body.slug, actor.id);
  }
  if (body.embargoUntil !== undefined)
    await setEmbargo(store, actor, id, body.embargoUntil);
  await setSearchSocial(store, actor, id, {
    seoTitle: body.seoTitle,
    socialHeadline: body.socialHeadline,
    socialDescription: body.socialDescription,
  });
  return storyDetails(store, actor, id);
}

const searchSocialNames: Record<keyof SearchSocial, string> = {
  seoTitle: "SEO title",
  socialHeadline: "social headline",
  socialDescription: "social description",
};

/**
 * Sets the overrides given in `values` that differ from the story's, recording which changed;
 * they reach the site with the next publication. Throws forbidden unless the actor is the desk.
 */
async function setSearchSocial(
  store: Store,
  actor: UserRow,
  id: string,
  values: Partial<SearchSocial>,
): Promise<void> {
  const story = await loadVisibleStory(store, actor, id);
  const current = searchSocialOf(story);
  const changed = (Object.keys(values) as Array<keyof SearchSocial>).filter(
    (key) => values[key] !== undefined && values[key] !== current[key],
  );
  if (changed.length === 0) return;
  if (!can(actor, "edit-search-social", story))
    throw new AppError(
      "forbidden",
      "Only editors can change a story's search and social texts.",
    );
  const set = Object.fromEntries(changed.map((key) => [key, values[key]]));
  await inTransaction(store, (db) =>
    moveStory(db, {
      storyId: id,
      from: story.status,
      set: searchSocialColumns(set),
      event: {
        kind: "search-social-changed",
        actorId: actor.id,
        note: changed.map((key) => searchSocialNames[key]).join(", "),
      },
    }),
  );
}
