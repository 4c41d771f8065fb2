import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
);

const built = new Map<string, Promise<string>>();

/**
 * A TypeScript entry point (path relative to the repository) compiled into one JavaScript file
 * that plain `node` runs; packages stay external. Tests and benchmarks that start processes
 * dozens of times so do not pay for compiling TypeScript on every start. The file lives inside
 * the repository (so packages resolve from its node_modules) and is named by its content
 * (parallel test files share it; a stale build is never used). Resolves with its path.
 */
export function bundleForNode(entry: string): Promise<string> {
  let file = built.get(entry);
  if (!file) {
    file = (async () => {
      const dir = path.join(root, "node_modules", ".cache", "newsroom");
      fs.mkdirSync(dir, { recursive: true });
      const result = await build({
        entryPoints: [path.join(root, entry)],
        write: false,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "warning",
      });
      const code = result.outputFiles[0]!.contents;
      const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
      const outfile = path.join(
        dir,
        `${path.basename(entry, ".ts")}-${hash}.mjs`,
      );
      if (!fs.existsSync(outfile)) {
        const partial = `${outfile}.${process.pid}.tmp`;
        fs.writeFileSync(partial, code);
        fs.renameSync(partial, outfile);
      }
      return outfile;
    })();
    built.set(entry, file);
  }
  return file;
}

/** The collaboration server's `server/main.ts`, bundled (see bundleForNode). */
export function serverBundle(): Promise<string> {
  return bundleForNode("server/main.ts");
}
