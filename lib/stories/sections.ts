/** The desk's sections, in masthead order. `NEWSROOM_SECTIONS` ("A,B,C") replaces the list. */
const defaultSections = [
  "National",
  "North Korea",
  "Politics",
  "Business",
  "Finance",
  "World",
  "Science",
  "Culture",
  "Sports",
  "Opinion",
] as const;

/** The configured section names. */
export function sections(
  source: string | undefined = process.env.NEWSROOM_SECTIONS,
): string[] {
  const configured = source
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return configured && configured.length > 0
    ? configured
    : [...defaultSections];
}
