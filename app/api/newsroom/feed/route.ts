import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { collabTokenSecret, serverEnv } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { collabUrlFor, feedSession } from "@/lib/stories/collab-session";
import { otherMethods } from "@/lib/http-methods";

/** The address of the story list's live feed, with a short-lived token. */
export const GET = handler(async (request: Request) => {
  const user = await requireUser();
  const env = serverEnv();
  const url = collabUrlFor(
    request.url,
    request.headers.get("x-forwarded-proto"),
    env.COLLAB_PORT,
    env.COLLAB_PUBLIC_URL,
  );
  return json(
    await feedSession(await getStore(), user, {
      url,
      secret: collabTokenSecret(env),
    }),
  );
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
