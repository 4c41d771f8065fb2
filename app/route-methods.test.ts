import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REFUSES_METHOD, ROUTE_METHODS } from "@/lib/http-methods";

const appDir = import.meta.dirname;
const routeFiles = fs
  .readdirSync(appDir, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .sort();

describe("every route answers every method", () => {
  it("finds the routes", () => {
    expect(routeFiles.length).toBeGreaterThan(25);
  });

  it.each(routeFiles)(
    "%s: its own handlers, and a JSON 405 with Allow for the rest",
    async (file) => {
      const route = (await import(
        pathToFileURL(path.join(appDir, file)).href
      )) as Record<string, unknown>;
      const served = ROUTE_METHODS.filter(
        (method) =>
          typeof route[method] === "function" &&
          !(REFUSES_METHOD in (route[method] as object)),
      );
      expect(served.length).toBeGreaterThan(0);
      for (const method of ROUTE_METHODS) {
        // Not exported, Next.js would answer an empty 405 without Allow.
        expect(typeof route[method], `${method} is exported`).toBe("function");
        if (served.includes(method)) continue;
        const refuse = route[method] as (request: Request) => Response;
        const response = refuse(
          new Request("http://newsroom.test/", { method }),
        );
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe(
          [
            ...served,
            ...(served.includes("GET") ? ["HEAD"] : []),
            "OPTIONS",
          ].join(", "),
        );
        expect(await response.json()).toEqual({
          error: {
            code: "method_not_allowed",
            message: `This address takes ${served.join(" or ")}, not ${method}.`,
          },
        });
      }
    },
  );
});
