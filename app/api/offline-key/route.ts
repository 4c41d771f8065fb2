import { offlineCopyKey } from "@/lib/auth/offline-key";
import { requireUser } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";
import { assertSameOrigin, handler, json, siteOrigins } from "@/lib/http";
import { otherMethods } from "@/lib/http-methods";

/**
 * The signed-in user's key for the offline copies this browser keeps (docs/security.md,
 * "Offline copies"). Never cached (`no-store`); no CORS, so only the site's own pages read it,
 * and a request another site's page makes is refused outright.
 */
export const GET = handler(async (request: Request) => {
  assertSameOrigin(request, siteOrigins());
  const user = await requireUser();
  const key = offlineCopyKey(serverEnv().NEXTAUTH_SECRET, user.id);
  return json({
    userId: user.id,
    key: Buffer.from(key).toString("base64url"),
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
