import { expect, test, type APIResponse } from "@playwright/test";
import { people, personAt } from "./fixtures";

async function expectError(
  response: APIResponse,
  status: number,
  code: string,
): Promise<void> {
  expect(response.status(), await response.text()).toBe(status);
  const body = (await response.json()) as {
    error: { code: string; message: string };
  };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

test("the stories API validates every input and enforces roles on the server", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const api = mina.context.request;

  const created = await api.post("/api/stories", {
    data: { headline: "API story" },
  });
  expect(created.status()).toBe(201);
  const story = (await created.json()) as {
    id: string;
    slug: string;
    status: string;
  };
  expect(story).toMatchObject({ slug: "api-story", status: "draft" });

  const details = await (await api.get(`/api/stories/${story.id}`)).json();
  expect(details).toMatchObject({
    id: story.id,
    status: "draft",
    headline: "API story",
  });
  expect(details.history.map((e: { kind: string }) => e.kind)).toEqual([
    "created",
  ]);
  expect(JSON.stringify(details)).not.toContain("password");

  await expectError(
    await api.post("/api/stories", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{not json"),
    }),
    400,
    "invalid_json",
  );
  await expectError(
    await api.post("/api/stories", { data: { headline: 42 } }),
    422,
    "validation_failed",
  );
  await expectError(
    await api.post("/api/stories", { data: { headline: "x".repeat(301) } }),
    422,
    "validation_failed",
  );
  await expectError(
    await api.post("/api/stories", { data: { headline: "x".repeat(70_000) } }),
    413,
    "payload_too_large",
  );
  await expectError(
    await api.post("/api/stories", { form: { headline: "x" } }),
    415,
    "unsupported_media_type",
  );
  await expectError(
    await api.get("/api/stories/not-a-story"),
    404,
    "not_found",
  );
  await expectError(
    await api.get("/api/stories/00000000-0000-4000-8000-000000000000"),
    404,
    "not_found",
  );
  await expectError(
    await api.get("/api/stories/00000000-0000-4000-8000-000000000000/collab"),
    404,
    "not_found",
  );
  await expectError(
    await api.get("/api/stories?status=nonsense"),
    422,
    "validation_failed",
  );

  const transitions = `/api/stories/${story.id}/transitions`;
  await expectError(
    await api.post(transitions, { data: { to: "somewhere" } }),
    422,
    "validation_failed",
  );
  await expectError(
    await api.post(transitions, { data: { to: "published" } }),
    403,
    "forbidden",
  );
  await expectError(
    await api.post(`/api/stories/${story.id}/authors`, {
      data: { email: "nobody@example.com" },
    }),
    404,
    "not_found",
  );
  await expectError(
    await api.post(`/api/stories/${story.id}/authors`, {
      data: { email: "not an email" },
    }),
    422,
    "validation_failed",
  );
  await expectError(
    await api.delete(`/api/stories/${story.id}/authors/whoever`),
    404,
    "not_found",
  );

  const added = await api.post(`/api/stories/${story.id}/authors`, {
    data: { email: people.reporter2.email },
  });
  expect(added.ok()).toBe(true);
  const authors = (
    (await added.json()) as { authors: Array<{ id: string; email: string }> }
  ).authors;
  expect(authors.map((a) => a.email)).toEqual([
    people.reporter.email,
    people.reporter2.email,
  ]);
  const removed = await api.delete(
    `/api/stories/${story.id}/authors/${authors[1]!.id}`,
  );
  expect(removed.ok()).toBe(true);
  await expectError(
    await api.delete(`/api/stories/${story.id}/authors/${authors[0]!.id}`),
    409,
    "conflict",
  );

  // A reporter who is not an author gets a read-only collaboration grant and cannot manage authors.
  const daniel = await personAt(browser, "reporter2");
  const grant = await (
    await daniel.context.request.get(`/api/stories/${story.id}/collab`)
  ).json();
  expect(grant).toMatchObject({
    docName: `stories/${story.id}`,
    readOnly: true,
  });
  expect(grant.url).toMatch(/^ws:\/\/localhost:\d+$/);
  await expectError(
    await daniel.context.request.post(`/api/stories/${story.id}/authors`, {
      data: { email: people.reporter2.email },
    }),
    403,
    "forbidden",
  );

  // An editor may publish, but not an empty story: 409 with the reason.
  const grace = await personAt(browser, "editor");
  await expectError(
    await grace.context.request.post(transitions, {
      data: { to: "published" },
    }),
    409,
    "conflict",
  );

  for (const c of [mina.context, daniel.context, grace.context])
    await c.close();
});
