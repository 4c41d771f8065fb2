import { expect, test, type APIResponse } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  people,
  personAt,
  publishThroughDesk,
} from "./fixtures";

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
  // A method the address does not take: JSON like every error, and Allow says which it does.
  const put = await api.put(`/api/stories/${story.id}`, {
    data: { headline: "Replaced" },
  });
  await expectError(put, 405, "method_not_allowed");
  expect(put.headers()["allow"]).toBe("GET, PATCH, HEAD, OPTIONS");
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

  // Even an editor publishes only what the desk approved: 409 with the reason.
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

test("uploads are checked on the server: signed in, real image bytes, no SVG", async ({
  browser,
  request,
}) => {
  const anonymous = await request.post("/api/uploads", {
    multipart: {
      file: {
        name: "x.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from([0xff, 0xd8, 0xff]),
      },
    },
  });
  expect(anonymous.status()).toBe(401);

  const mina = await personAt(browser, "reporter");
  const api = mina.context.request;
  const svg = await api.post("/api/uploads", {
    multipart: {
      file: {
        name: "logo.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      },
    },
  });
  await expectError(svg, 415, "unsupported_media_type");
  await expectError(
    await api.post("/api/uploads", { multipart: { image: "x" } }),
    422,
    "validation_failed",
  );

  const { default: sharp } = await import("sharp");
  const jpeg = await sharp({
    create: { width: 1000, height: 600, channels: 3, background: "#0ea5e9" },
  })
    .jpeg()
    .toBuffer();
  const ok = await api.post("/api/uploads", {
    multipart: {
      file: { name: "photo.jpg", mimeType: "image/jpeg", buffer: jpeg },
    },
  });
  expect(ok.status()).toBe(201);
  const image = (await ok.json()) as {
    url: string;
    width: number;
    height: number;
  };
  expect(image).toMatchObject({ width: 1000, height: 600 });
  const served = await request.get(image.url);
  expect(served.headers()["content-type"]).toBe("image/jpeg");
  expect((await request.get(image.url.replace(".jpg", "-480.jpg"))).ok()).toBe(
    true,
  );
  expect((await request.get("/uploads/..%2F..%2Fetc%2Fpasswd")).status()).toBe(
    404,
  );
  await mina.context.close();
});

test("only editors change a story's address, to a free and well-formed slug", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Address test");
  const other = await createStory(mina.context, "Taken address");
  const patch = (who: typeof mina, slug: string) =>
    who.context.request.patch(`/api/stories/${storyId}`, { data: { slug } });

  await expectError(await patch(mina, "my-address"), 403, "forbidden");
  await expectError(
    await patch(grace, "Not A Slug!"),
    422,
    "validation_failed",
  );
  const taken = (
    (await (
      await mina.context.request.get(`/api/stories/${other}`)
    ).json()) as { slug: string }
  ).slug;
  await expectError(await patch(grace, taken), 409, "conflict");
  const ok = await patch(grace, "address-chosen-by-the-desk");
  expect(ok.ok()).toBe(true);
  expect(await ok.json()).toMatchObject({
    slug: "address-chosen-by-the-desk",
    slugCustom: true,
  });

  // Once published, a new address redirects the old one (301) to it.
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  await editor(mina.page).body.click();
  await mina.page.keyboard.type("Text to publish.");
  await expectSaved(mina.page);
  await publishThroughDesk(mina.context, grace.context, storyId);
  const moved = await patch(grace, "address-after-publication");
  expect(moved.ok()).toBe(true);
  const old = await grace.context.request.get(
    "/news/address-chosen-by-the-desk",
    { maxRedirects: 0 },
  );
  expect(old.status()).toBe(301);
  expect(old.headers()["location"]).toMatch(
    /\/news\/address-after-publication$/,
  );
  await mina.context.close();
  await grace.context.close();
});
