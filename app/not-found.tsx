import Link from "next/link";

export default function NotFound() {
  return (
    <main
      style={{
        maxWidth: 560,
        margin: "96px auto",
        padding: "0 24px",
        textAlign: "center",
      }}
    >
      <p style={{ fontSize: 14, color: "var(--ink-3)", margin: 0 }}>404</p>
      <h1
        style={{
          fontFamily: "var(--font-serif)",
          fontSize: 32,
          margin: "8px 0 12px",
        }}
      >
        Page not found
      </h1>
      <p style={{ color: "var(--ink-2)" }}>
        The page you were looking for does not exist or has moved.
      </p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </main>
  );
}
