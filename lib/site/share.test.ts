import { describe, expect, it } from "vitest";
import { shareLinks } from "./share";

describe("share links", () => {
  it("link to each network's share page with the address and headline encoded, and draft an e-mail", () => {
    const url = "https://news.example/news/a-b?x=1&y=2";
    const links = shareLinks(url, "Rice & rain: a race");
    expect(links.map((l) => l.name)).toEqual([
      "E-mail",
      "X",
      "Facebook",
      "LinkedIn",
      "WhatsApp",
    ]);
    const href = (name: string) => links.find((l) => l.name === name)!.href;
    const encoded = encodeURIComponent(url);
    expect(href("E-mail")).toBe(
      `mailto:?subject=Rice%20%26%20rain%3A%20a%20race&body=Rice%20%26%20rain%3A%20a%20race%0A%0A${encoded}`,
    );
    expect(href("X")).toBe(
      `https://x.com/intent/tweet?url=${encoded}&text=Rice%20%26%20rain%3A%20a%20race`,
    );
    expect(href("Facebook")).toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
    );
    expect(new URL(href("LinkedIn")).searchParams.get("url")).toBe(url);
    expect(new URL(href("WhatsApp")).searchParams.get("text")).toBe(
      `Rice & rain: a race ${url}`,
    );
    expect(links.filter((l) => l.external).map((l) => l.name)).toEqual([
      "X",
      "Facebook",
      "LinkedIn",
      "WhatsApp",
    ]);
  });
});
