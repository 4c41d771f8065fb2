import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { serverEnv, siteUrl } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { createPreviewLink } from "@/lib/stories/preview";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

/** A signed, expiring link to the story's draft for readers without an account: `{url, expiresAt}`. */
export const POST = handler(
  async (_request: Request, ctx: RouteContext<"/api/stories/[id]/preview">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const env = serverEnv();
    const link = await createPreviewLink(await getStore(), user, id, {
      secret: env.NEXTAUTH_SECRET,
      siteUrl: siteUrl(env),
    });
    return json(link, 201);
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
