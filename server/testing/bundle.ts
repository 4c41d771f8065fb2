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

let built: Promise<string> | undefined;

/**
 * `server/main.ts` compiled into one JavaScript file (packages stay external), so that tests
 * and benchmarks that start and kill the server dozens of times do not pay for compiling
 * TypeScript on every start. Built once per process, inside the repository so that the
 * packages resolve from its node_modules. Resolves with the file's path.
 */
export function serverBundle(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(root, "node_modules", ".cache", "newsroom");
    fs.mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [path.join(root, "server", "main.ts")],
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
    const code = result.outputFiles[0]!.contents;
    // Named by content: parallel test files share one file, and a stale build is never used.
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
    const outfile = path.join(dir, `collab-server-${hash}.mjs`);
    if (!fs.existsSync(outfile)) {
      const partial = `${outfile}.${process.pid}.tmp`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, outfile);
    }
    return outfile;
  })();
  return built;
}
