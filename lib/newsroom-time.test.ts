import { describe, expect, it } from "vitest";
import { newsroomTime, newsroomTimeBrief } from "./newsroom-time";

describe("newsroom times", () => {
  // Local time: the hour depends on the zone the tests run in, the rest does not.
  const at = new Date(2026, 11, 7, 1, 38);

  it("writes day, month, year and a 24-hour time", () => {
    expect(newsroomTime(at)).toBe("7 Dec 2026, 01:38");
    expect(newsroomTime(at.toISOString())).toBe("7 Dec 2026, 01:38");
  });

  it("leaves out the year in brief", () => {
    expect(newsroomTimeBrief(at)).toBe("7 Dec, 01:38");
  });

  it("writes an afternoon on the 24-hour clock", () => {
    expect(newsroomTime(new Date(2026, 0, 15, 17, 5))).toBe(
      "15 Jan 2026, 17:05",
    );
  });
});
