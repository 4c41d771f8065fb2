/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "sharp", "ioredis"],
  poweredByHeader: false,
  typescript: {
    // `npm test` runs `tsc --noEmit` on the whole tree first.
    ignoreBuildErrors: false,
  },
};

export default nextConfig;
