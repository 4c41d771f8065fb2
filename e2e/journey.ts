/**
 * What every journey imports instead of @playwright/test: the same API, with `test` pointed at
 * its worker's own newsroom (e2e/newsrooms.ts) through `baseURL`, which every page, context and
 * request of the test starts from.
 */
import { test as base } from "@playwright/test";
import { newsroom, type Newsroom } from "./newsrooms";

export * from "@playwright/test";

export const test = base.extend<object, { newsroom: Newsroom }>({
  newsroom: [
    // Playwright requires an object pattern here, even an empty one. (`provide` is Playwright's
    // `use`, named so that the React hooks rule does not take it for a hook.)
    async ({}, provide, workerInfo) =>
      provide(newsroom(workerInfo.parallelIndex)),
    { scope: "worker" },
  ],
  baseURL: async ({ newsroom }, provide) => provide(newsroom.url),
});
