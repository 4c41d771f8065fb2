import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SCENE_NAMES, sceneFor, sceneJpeg } from "./sample-scenes";

describe("sample scenes", () => {
  it("finds a scene by a figure's file name, and nothing for other names", () => {
    expect(sceneFor("stadium.jpg")).toBe("stadium");
    expect(sceneFor("images/night-market.JPG")).toBe("night-market");
    expect(sceneFor("figure-1.jpg")).toBeNull();
    expect(sceneFor("constructor.jpg")).toBeNull();
  });

  it("draws every scene as a 1600 × 1000 JPEG, the same bytes each time", async () => {
    for (const name of SCENE_NAMES) {
      const bytes = await sceneJpeg(name);
      expect(await sharp(bytes).metadata()).toMatchObject({
        format: "jpeg",
        width: 1600,
        height: 1000,
      });
      expect((await sceneJpeg(name)).equals(bytes), name).toBe(true);
    }
    await expect(sceneJpeg("toString")).rejects.toThrow(/No sample scene/);
  });
});
