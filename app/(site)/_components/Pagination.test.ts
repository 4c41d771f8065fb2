import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./Pagination";

const render = (page: number, pageCount: number, noun?: string) =>
  renderToStaticMarkup(
    createElement(Pagination, {
      page,
      pageCount,
      pathOf: (p: number) => `/tag/food?page=${p}`,
      noun,
    }),
  );

describe("the pages of a list", () => {
  it("shows nothing for a list of one page", () => {
    expect(render(1, 1, "stories")).toBe("");
  });

  it("links the first page to the older one only, keeping the older link on the right", () => {
    expect(render(1, 3, "stories")).toBe(
      '<nav class="pagination" aria-label="Pages"><span></span><a rel="next" href="/tag/food?page=2">Older stories →</a></nav>',
    );
  });

  it("links a middle page both ways, and the last page to the newer one only", () => {
    const middle = render(2, 3, "stories");
    expect(middle).toContain(
      '<a rel="prev" href="/tag/food?page=1">← Newer stories</a>',
    );
    expect(middle).toContain(
      '<a rel="next" href="/tag/food?page=3">Older stories →</a>',
    );
    expect(render(3, 3)).toBe(
      '<nav class="pagination" aria-label="Pages"><a rel="prev" href="/tag/food?page=2">← Newer</a></nav>',
    );
  });
});
