import { describe, expect, it } from "vitest";
import {
  PRESENCE_PALETTE,
  contrastWithWhite,
  freePresenceColor,
  madeUpColor,
} from "./identity";
import { presenceColor } from "./presence-color";

/** The colours of `count` people arriving one after another, all preferring `own`. */
function arrivals(count: number, own = PRESENCE_PALETTE[3]!): string[] {
  const taken = new Set<string>();
  const shown: string[] = [];
  for (let i = 0; i < count; i++) {
    const color = freePresenceColor(own, taken);
    taken.add(color);
    shown.push(color);
  }
  return shown;
}

describe("freePresenceColor", () => {
  it("keeps someone's own colour while no one else present shows it", () => {
    expect(freePresenceColor("#0f766e", new Set(["#c2410c"]))).toBe("#0f766e");
  });

  it("gives the palette's first free colour when their own is taken", () => {
    expect(
      freePresenceColor(
        PRESENCE_PALETTE[1]!,
        new Set(PRESENCE_PALETTE.slice(0, 2)),
      ),
    ).toBe(PRESENCE_PALETTE[2]);
  });

  it("gives 1,000 people present 1,000 colours, the palette's first", () => {
    const shown = arrivals(1000);
    expect(new Set(shown).size).toBe(1000);
    expect(new Set(shown.slice(0, PRESENCE_PALETTE.length))).toEqual(
      new Set(PRESENCE_PALETTE),
    );
  });

  it("makes up only colours a caret label's white text reads on", () => {
    for (const color of arrivals(1000)) {
      expect(presenceColor(color)).toBe(color);
      expect(contrastWithWhite(color)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("makes up the same colours in every server and browser", () => {
    expect(madeUpColor(0)).toBe("#df2020");
    expect(arrivals(40)).toEqual(arrivals(40));
  });
});

describe("contrastWithWhite", () => {
  it("measures as WCAG does", () => {
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
    expect(contrastWithWhite("#767676")).toBeCloseTo(4.54, 2);
  });
});
