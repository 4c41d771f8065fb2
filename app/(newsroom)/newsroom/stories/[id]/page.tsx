import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { AppError } from "@/lib/errors";
import { sections } from "@/lib/stories/sections";
import { storyDetails } from "@/lib/stories/details";
import { storyIdSchema } from "@/lib/stories/requests";
import { StoryEditor } from "./_components/StoryEditor";

export async function generateMetadata({
  params,
}: PageProps<"/newsroom/stories/[id]">): Promise<Metadata> {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user || !storyIdSchema.safeParse(id).success) return { title: "Story" };
  const story = await storyDetails(await getStore(), user, id).catch(
    () => null,
  );
  return { title: story?.headline || "Untitled story" };
}

export default async function StoryPage({
  params,
}: PageProps<"/newsroom/stories/[id]">) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!storyIdSchema.safeParse(id).success) notFound();
  const story = await storyDetails(await getStore(), user, id).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    },
  );
  return <StoryEditor story={story} sections={sections()} />;
}
