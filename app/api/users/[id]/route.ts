import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { changeAccount } from "@/lib/people/accounts";
import { parseUserId, updateAccountBody } from "@/lib/people/requests";

/** An admin changes someone's role, or deactivates (`active: false`) or reactivates them. */
export const PATCH = handler(
  async (request: Request, ctx: RouteContext<"/api/users/[id]">) => {
    const user = await requireUser();
    const id = parseUserId((await ctx.params).id);
    const body = await readJson(request, updateAccountBody);
    return json({
      user: await changeAccount(await getStore(), user, id, body),
    });
  },
);
