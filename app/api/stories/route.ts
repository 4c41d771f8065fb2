import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson, validate } from "@/lib/http";
import { createStoryBody, listStoriesQuery } from "@/lib/stories/requests";
import { createStoryFor } from "@/lib/stories/commands";
import { listStoryViews } from "@/lib/stories/story-list";
import { otherMethods } from "@/lib/http-methods";

export const GET = handler(async (request: Request) => {
  const user = await requireUser();
  const query = validate(
    listStoriesQuery,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return json({ stories: await listStoryViews(await getStore(), user, query) });
});

export const POST = handler(async (request: Request) => {
  const user = await requireUser();
  const body = await readJson(request, createStoryBody);
  const story = await createStoryFor(await getStore(), user, body.headline);
  announce({ type: "story", storyId: story.id, access: false });
  return json(
    { id: story.id, slug: story.slug, status: story.status, story },
    201,
    { location: `/api/stories/${story.id}` },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
