import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { appOrigin, handler, json } from "@/lib/http";
import { configuredOutbox } from "@/lib/mail/mailer";
import { issuePasswordLink } from "@/lib/people/accounts";
import { parseUserId } from "@/lib/people/requests";
import { otherMethods } from "@/lib/http-methods";

/**
 * An admin makes a one-time link to choose a password (a new sign-up link, or a reset), and
 * e-mails it to its owner when SMTP is configured (`mail` says what became of that).
 */
export const POST = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/users/[id]/password-link">,
  ) => {
    const user = await requireUser();
    const id = parseUserId((await ctx.params).id);
    return json(
      await issuePasswordLink(
        await getStore(),
        user,
        id,
        appOrigin(),
        configuredOutbox(),
      ),
      201,
    );
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
