/**
 * Sends a JSON request to the newsroom's API and resolves to the answer's body; throws an Error
 * carrying the API's own message (or `fallback` when the answer has none).
 */
export async function sendJson<T>(
  url: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  body: unknown,
  fallback: string,
): Promise<T> {
  const response = await fetch(url, {
    method,
    cache: "no-store",
    ...(body === undefined
      ? {}
      : {
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
  }).catch(() => null);
  if (!response) throw new Error(`${fallback} (no connection)`);
  const answer = (await response.json().catch(() => null)) as {
    error?: { message?: string };
  } | null;
  if (!response.ok) throw new Error(answer?.error?.message ?? fallback);
  return answer as T;
}
