import { handler, json, readJson } from "@/lib/http";
import { subscribeFromRequest } from "@/lib/site/service";
import { subscribeBody } from "@/lib/site/subscriptions";
import { otherMethods } from "@/lib/http-methods";

/**
 * `POST /api/subscriptions` `{email, source?}` → 201 `{subscribed: true}` (200 when the address
 * already was subscribed). 422 for an invalid address, 429 with Retry-After when rate-limited.
 */
export const POST = handler(async (request: Request) => {
  const body = await readJson(request, subscribeBody);
  // A RateLimitedError becomes a 429 with Retry-After in handler's errorResponse.
  const { created } = await subscribeFromRequest(
    body.email,
    body.source,
    request.headers,
  );
  return json({ subscribed: true }, created ? 201 : 200);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
