import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatLongDate } from "./format";

describe("dates in the paper's style", () => {
  it("abbreviates Jan., Feb., Aug., Sept., Oct., Nov., Dec. and spells out March to July", () => {
    const months = Array.from({ length: 12 }, (_, m) =>
      formatDate(new Date(Date.UTC(2024, m, 5, 12)).toISOString(), "UTC"),
    );
    expect(months).toEqual([
      "Jan. 5, 2024",
      "Feb. 5, 2024",
      "March 5, 2024",
      "April 5, 2024",
      "May 5, 2024",
      "June 5, 2024",
      "July 5, 2024",
      "Aug. 5, 2024",
      "Sept. 5, 2024",
      "Oct. 5, 2024",
      "Nov. 5, 2024",
      "Dec. 5, 2024",
    ]);
  });

  it("shows the sample's publication on Friday, Oct. 18, 2024 in Seoul", () => {
    const iso = "2024-10-18T14:03:00+09:00";
    expect(formatDate(iso, "Asia/Seoul")).toBe("Oct. 18, 2024");
    expect(formatDateTime(iso, "Asia/Seoul")).toBe("Oct. 18, 2024 - 14:03");
  });

  it("takes day, month and year in the site's time zone, with a 24-hour clock", () => {
    // 23:30 UTC on Sept. 30 is already Oct. 1 in Seoul, still Sept. 30 in New York.
    const iso = "2024-09-30T23:30:00Z";
    expect(formatDateTime(iso, "Asia/Seoul")).toBe("Oct. 1, 2024 - 08:30");
    expect(formatDateTime(iso, "America/New_York")).toBe(
      "Sept. 30, 2024 - 19:30",
    );
    expect(formatDateTime("2024-03-03T00:05:00Z", "UTC")).toBe(
      "March 3, 2024 - 00:05",
    );
  });

  it("writes the masthead's date in full", () => {
    expect(formatLongDate(new Date("2024-10-18T03:00:00Z"), "Asia/Seoul")).toBe(
      "Friday, October 18, 2024",
    );
  });
});
