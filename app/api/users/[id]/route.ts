import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { changeAccount } from "@/lib/people/accounts";
import { parseUserId, updateAccountBody } from "@/lib/people/requests";
import { otherMethods } from "@/lib/http-methods";

/** An admin changes someone's role, or deactivates (`active: false`) or reactivates them. */
export const PATCH = handler(
  async (request: Request, ctx: RouteContext<"/api/users/[id]">) => {
    const user = await requireUser();
    const id = parseUserId((await ctx.params).id);
    const body = await readJson(request, updateAccountBody);
    const changed = await changeAccount(await getStore(), user, id, body);
    announce({ type: "user", userId: id });
    return json({ user: changed });
  },
);

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
