import Link from "next/link";

/** 404 inside the newsroom's frame: a story that does not exist, or a mistyped address. */
export default function NewsroomNotFound() {
  return (
    <main className="nr-page">
      <h1>Not found</h1>
      <p className="nr-empty">
        There is no story or page at this address.{" "}
        <Link href="/newsroom">Find the story in the list</Link>
      </p>
    </main>
  );
}
