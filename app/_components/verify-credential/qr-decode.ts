/**
 * Reads a QR code from a video frame or a picture in the browser: the platform's BarcodeDetector
 * where there is one (Android, macOS, ChromeOS), else jsQR over the pixels. Nothing leaves the page.
 */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector: { new (options: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats(): Promise<string[]> } | undefined;

let detector: Promise<BarcodeDetectorLike | null> | undefined;
function platformDetector(): Promise<BarcodeDetectorLike | null> {
  detector ??= (async () => {
    if (typeof BarcodeDetector === "undefined") return null;
    try {
      return (await BarcodeDetector.getSupportedFormats()).includes("qr_code") ? new BarcodeDetector({ formats: ["qr_code"] }) : null;
    } catch {
      return null;
    }
  })();
  return detector;
}

// jsQR is slow on large pictures and a QR code needs far fewer pixels.
const MAX_SIDE = 1024;

export async function decodeQr(source: HTMLVideoElement | ImageBitmap): Promise<string | null> {
  const platform = await platformDetector();
  if (platform) {
    const [code] = await platform.detect(source).catch(() => []);
    if (code) return code.rawValue;
  }
  const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
  const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
  if (!width || !height) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const { default: jsQR } = await import("jsqr");
  return jsQR(data, canvas.width, canvas.height)?.data ?? null;
}
