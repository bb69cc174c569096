/**
 * Screenshot comparison for the browser tests: a page as it looks now against a reference PNG
 * committed in test/browser/__screenshots__/, with pixelmatch. A pixel differs when its colour is
 * further from the reference than `threshold` (anti-aliasing is ignored); a page differs when more
 * than `maxDiffShare` of its pixels do, or when it has another size. Then `<name>.actual.png` and
 * `<name>.diff.png` (differences in red) are written next to the reference (git ignores them).
 *
 * `UPDATE_SCREENSHOTS=1 npx vitest run test/browser/screenshots.test.ts` writes the references
 * anew (and removes the old actual/diff images): look at them before committing. The references
 * are made in Debian's Chromium with the fonts `apt-get install chromium` brings (Liberation Sans);
 * see README.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const screenshotsDir = new URL('../browser/__screenshots__/', import.meta.url).pathname;
export const updatingScreenshots = process.env.UPDATE_SCREENSHOTS === '1' || process.env.UPDATE_SCREENSHOTS === 'true';

export interface ScreenshotOptions {
  /** Per pixel, 0–1 (pixelmatch's colour distance): how different a pixel may be before it counts. */
  threshold?: number;
  /** The share of the pixels that may differ, 0–1. */
  maxDiffShare?: number;
}

/** What went wrong, as a sentence for the test's failure message; undefined when the image matches (or was written as reference). */
export function compareWithReference(name: string, actual: Buffer, { threshold = 0.03, maxDiffShare = 0.0001 }: ScreenshotOptions = {}): string | undefined {
  mkdirSync(screenshotsDir, { recursive: true });
  const referencePath = join(screenshotsDir, `${name}.png`);
  const actualPath = join(screenshotsDir, `${name}.actual.png`);
  const diffPath = join(screenshotsDir, `${name}.diff.png`);
  rmSync(actualPath, { force: true });
  rmSync(diffPath, { force: true });
  if (updatingScreenshots) {
    writeFileSync(referencePath, actual);
    return undefined;
  }
  if (!existsSync(referencePath)) {
    writeFileSync(actualPath, actual);
    return `${name}: no reference image ${referencePath} (this one is in ${actualPath}; UPDATE_SCREENSHOTS=1 makes it the reference)`;
  }
  const reference = PNG.sync.read(readFileSync(referencePath));
  const now = PNG.sync.read(actual);
  if (reference.width !== now.width || reference.height !== now.height) {
    writeFileSync(actualPath, actual);
    return `${name}: ${now.width}×${now.height} px, the reference is ${reference.width}×${reference.height} px (see ${actualPath})`;
  }
  const diff = new PNG({ width: now.width, height: now.height });
  const differing = pixelmatch(reference.data, now.data, diff.data, now.width, now.height, { threshold });
  const share = differing / (now.width * now.height);
  if (share <= maxDiffShare) return undefined;
  writeFileSync(actualPath, actual);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return `${name}: ${differing} pixels (${(share * 100).toFixed(2)}%) differ from the reference, more than ${(maxDiffShare * 100).toFixed(2)}% (see ${actualPath} and ${diffPath})`;
}
