// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { FALLBACK_PRESENCE_COLOR } from "@/lib/collab/presence-color";
import { renderCaret, renderSelection } from "./caret";

describe("a colleague's caret", () => {
  it("uses a #rrggbb colour as sent", () => {
    const caret = renderCaret({ name: "Ana", color: "#0f766e" });
    expect(caret.style.borderColor).toMatch(/#0f766e|rgb\(15, 118, 110\)/);
    expect(renderSelection({ color: "#0f766e" }).style).toBe(
      "background-color: #0f766e70",
    );
  });

  it("never puts anything else into CSS, and the name only as text", () => {
    const hostile = {
      name: '<img src=x onerror="alert(1)">',
      color: "red; background-image: url(https://evil.example/x)",
    };
    const caret = renderCaret(hostile);
    expect(caret.outerHTML).not.toContain("evil");
    expect(caret.querySelector("img")).toBeNull();
    expect(caret.textContent).toBe(hostile.name);
    expect(renderSelection(hostile).style).toBe(
      `background-color: ${FALLBACK_PRESENCE_COLOR}70`,
    );
  });
});
