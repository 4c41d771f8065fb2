import { AppError, errorBody } from "./errors";
import { json } from "./http";

/** The methods a route may serve. Next.js answers HEAD (from GET) and OPTIONS itself. */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Marks the handlers otherMethods makes, so a test can tell them from a route's own. */
export const REFUSES_METHOD = Symbol("refuses its method");

type Refusal = ((request: Request) => Response) & {
  [REFUSES_METHOD]: true;
};

/**
 * Handlers for the methods a route does not serve, exported beside those it does:
 *
 *     export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
 *
 * Each answers 405 with an Allow header and the JSON error every route gives; Next.js would
 * answer an empty 405 without Allow.
 */
export function otherMethods(
  ...served: RouteMethod[]
): Record<RouteMethod, Refusal> {
  const allow = [
    ...served,
    ...(served.includes("GET") ? ["HEAD"] : []),
    "OPTIONS",
  ].join(", ");
  const refuse = (request: Request) =>
    json(
      errorBody(
        new AppError(
          "method_not_allowed",
          `This address takes ${served.join(" or ")}, not ${request.method}.`,
        ),
      ),
      405,
      { allow },
    );
  const refusal: Refusal = Object.assign(refuse, {
    [REFUSES_METHOD]: true as const,
  });
  return Object.fromEntries(
    ROUTE_METHODS.map((method) => [method, refusal]),
  ) as Record<RouteMethod, Refusal>;
}
