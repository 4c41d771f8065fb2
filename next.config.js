/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle. Yjs too: bundled into each
  // server layer it would be instantiated twice in one process (Yjs warns that this breaks
  // constructor checks); external, every layer shares Node's single copy.
  serverExternalPackages: ["better-sqlite3", "pg", "sharp", "ioredis", "yjs"],
  poweredByHeader: false,
  experimental: {
    // On by default in Next 16.4: writing the cache took a third of a clean build (CI always
    // builds clean, so it only ever paid the cost).
    turbopackFileSystemCacheForBuild: false,
  },
  typescript: {
    // `npm test` runs `tsc --noEmit` on the whole tree first.
    ignoreBuildErrors: false,
  },
};

export default nextConfig;
