import { serverEnv, type ServerEnv } from "../env";

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
  env: Pick<ServerEnv, "NEWSROOM_SECTIONS"> = serverEnv(),
): string[] {
  return env.NEWSROOM_SECTIONS ?? [...defaultSections];
}
