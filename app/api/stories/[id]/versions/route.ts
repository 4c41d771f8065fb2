import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { parseStoryId } from "@/lib/stories/requests";
import {
  listVersionViews,
  saveNamedVersion,
} from "@/lib/stories/version-history";
import { otherMethods } from "@/lib/http-methods";

const saveBody = z.object({
  name: z.string().trim().min(1, "give the version a name").max(120),
});

export const GET = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/versions">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    return json({
      versions: await listVersionViews(await getStore(), user, id),
    });
  },
);

export const POST = handler(
  async (request: Request, ctx: RouteContext<"/api/stories/[id]/versions">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, saveBody);
    return json(
      await saveNamedVersion(await getStore(), user, id, body.name),
      201,
    );
  },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
