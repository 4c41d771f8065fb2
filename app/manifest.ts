import type { MetadataRoute } from "next";
import { siteIdentity } from "@/lib/site/service";

// SITE_NAME is read when the manifest is asked for, not when the app is built.
export const dynamic = "force-dynamic";

/** The web app manifest (`/manifest.webmanifest`): the news site, installable with its icons. */
export default function manifest(): MetadataRoute.Manifest {
  const { name } = siteIdentity();
  return {
    name,
    // A home-screen label fits about 12 characters: "The Newsroom Herald" → "Herald".
    short_name: name.length > 12 ? (name.split(" ").at(-1) ?? name) : name,
    description: `News from ${name}.`,
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#111111",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
