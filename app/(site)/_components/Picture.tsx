import {
  imageSrcSet,
  UNSIZED_IMAGE_CLASS,
  type FigureImage,
} from "@/lib/site/html";
import { isUploadUrl } from "@/lib/uploads/names";

/** A story photo with srcset/sizes from the stored copies and its intrinsic size (no layout shift). */
export function Picture({
  image,
  sizes,
  alt,
  eager = false,
  className,
}: {
  image: FigureImage;
  sizes: string;
  /** Overrides the figure's alt text ("" when the picture only decorates a headline link). */
  alt?: string;
  eager?: boolean;
  className?: string;
}) {
  // Only our own uploads, whoever built `image`.
  if (!isUploadUrl(image.src)) return null;
  const srcSet = imageSrcSet(image) ?? undefined;
  // Without a recorded size the box is kept at 3:2 (site.css), so nothing moves when it loads.
  const sized = Boolean(image.width && image.height);
  return (
    // eslint-disable-next-line @next/next/no-img-element -- uploads already have stored resized copies; next/image would resize them again
    <img
      className={
        [className, sized ? null : UNSIZED_IMAGE_CLASS]
          .filter(Boolean)
          .join(" ") || undefined
      }
      src={image.src}
      srcSet={srcSet}
      sizes={srcSet ? sizes : undefined}
      alt={alt ?? image.alt}
      width={image.width ?? undefined}
      height={image.height ?? undefined}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      decoding="async"
    />
  );
}
