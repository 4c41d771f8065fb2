import type { JSONContent } from "@tiptap/core";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importMarkdownArticle } from "./markdown-article";

const sample = fs.readFileSync(path.join(import.meta.dirname, "../../content/sample-article.md"), "utf8");
const resolve = async (_f: unknown, i: number) => ({ src: `/uploads/${String(i).padStart(32, "0")}.jpg`, width: 1600, height: 1000 });

describe("importMarkdownArticle", () => {
  it("imports the sample article: front matter, paragraphs in order and both figures", async () => {
    const article = await importMarkdownArticle(sample, resolve);
    expect(article.headline).toBe("North Korea sends troops to support Russia in Ukraine war: NIS");
    expect(article.meta).toMatchObject({
      section: "North Korea",
      tags: ["North Korea", "Russia", "Ukraine", "NIS"],
      bylines: [{ name: "Ji Da-gyum", email: "dagyumji@heraldcorp.com" }],
    });
    const blocks = article.body!.content!;
    expect(blocks.filter((b) => b.type === "figure")).toHaveLength(2);
    expect(blocks.filter((b) => b.type === "paragraph")).toHaveLength(24);
    const field = (block: JSONContent, i: number) => block.content![i]!.content?.[0]?.text;
    expect(blocks[0]).toMatchObject({ type: "figure", attrs: { width: 1600 } });
    expect(field(blocks[0]!, 0)).toMatch(/^North Korean troop transport operations/);
    expect(field(blocks[0]!, 1)).toBe("National Intelligence Service");
    expect(field(blocks[0]!, 2)).toMatch(/^North Korean troop transport operations/);
    expect(field(blocks[10]!, 1)).toBe("National Intelligence Service; North Korean state media");
    expect(blocks[1]!.content![0]!.text).toMatch(/^North Korea has dispatched special forces/);
    expect(blocks.at(-1)!.content![0]!.text).toMatch(/^Earlier this week, Russian media outlets/);
  });

  it("maps Markdown structure and drops what the schema does not hold", async () => {
    const article = await importMarkdownArticle(
      `---\nheadline: "H"\n---\n\n## Sub\n\n**Bold** and *it* and [a link](https://example.com) and [bad](javascript:alert(1)) <b>raw</b>\n\n> Quote\n\n- one\n- two\n\n---\n`,
      resolve,
    );
    expect(article.body!.content!.map((b) => b.type)).toEqual(["heading", "paragraph", "blockquote", "bulletList", "horizontalRule"]);
    const para = article.body!.content![1]!.content!;
    expect(para.find((t) => t.text === "Bold")!.marks).toEqual([{ type: "bold" }]);
    expect(para.find((t) => t.text === "a link")!.marks).toEqual([{ type: "link", attrs: { href: "https://example.com" } }]);
    expect(para.find((t) => t.text === "bad")!.marks).toBeUndefined();
    expect(JSON.stringify(para)).not.toContain("<b>");
  });

  it("reads the article's own publication date, which must carry its offset", async () => {
    expect((await importMarkdownArticle(sample, resolve)).publishedAt).toBe("2024-10-18T05:03:00.000Z");
    expect((await importMarkdownArticle("---\nheadline: H\n---\nText", resolve)).publishedAt).toBeNull();
    await expect(importMarkdownArticle('---\nheadline: H\npublished: "2024-10-18 14:03"\n---\nText', resolve)).rejects.toThrow();
    await expect(importMarkdownArticle('---\nheadline: H\npublished: "2024-10-18T14:03:00"\n---\nText', resolve)).rejects.toThrow();
  });

  it("refuses an article without front matter or headline", async () => {
    await expect(importMarkdownArticle("Just text", resolve)).rejects.toThrow(/front matter/);
    await expect(importMarkdownArticle("---\nsection: x\n---\nText", resolve)).rejects.toThrow();
  });
});
