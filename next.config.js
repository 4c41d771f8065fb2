/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle. Yjs too: bundled into each
  // server layer it would be instantiated twice in one process (Yjs warns that this breaks
  // constructor checks); external, every layer shares Node's single copy.
  serverExternalPackages: ["better-sqlite3", "pg", "sharp", "ioredis", "yjs"],
  poweredByHeader: false,
  typescript: {
    // `npm test` runs `tsc --noEmit` on the whole tree first.
    ignoreBuildErrors: false,
  },
};

export default nextConfig;
