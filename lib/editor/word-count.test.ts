import { describe, expect, it } from "vitest";
import { countWords } from "./word-count";

/** The definition, as plainly as regular expressions say it (slower: three passes). */
function countWordsByDefinition(text: string): number {
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
  const ideographs = text.match(cjk)?.length ?? 0;
  const runs = text
    .replace(cjk, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return runs + ideographs;
}

describe("countWords", () => {
  it("counts Latin words and CJK characters", () => {
    expect(countWords("Rain fell all night.")).toBe(4);
    expect(countWords("태풍이 온다")).toBe(5);
    expect(countWords(" — ")).toBe(0);
  });

  it("counts words, numbers and CJK characters", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  The council voted 7–2 on Tuesday. ")).toBe(6);
    expect(countWords("— … !!")).toBe(0);
    expect(countWords("서울 시민 Ferries stopped")).toBe(4 + 2);
    expect(countWords("東京都はcity")).toBe(4 + 1);
    expect(countWords("naïve café\u00a0déjà-vu")).toBe(3);
    expect(countWords("𝐀𝐁 😀 😀x")).toBe(2);
  });

  it("agrees with the definition on random text of every kind of character", () => {
    const alphabet = [
      ..."aZ09.,-'’—!?()",
      " ",
      "\t",
      "\n",
      "\u00a0",
      "\u2003",
      "\u3000",
      "\ufeff",
      "\u0001",
      "é",
      "ß",
      "٣",
      "\u0301",
      "中",
      "あ",
      "ア",
      "서",
      "𝐀",
      "😀",
      "\ud800",
    ];
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let n = 0; n < 2000; n++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++)
        text += alphabet[Math.floor(random() * alphabet.length)];
      expect(countWords(text), JSON.stringify(text)).toBe(
        countWordsByDefinition(text),
      );
    }
  });
});
