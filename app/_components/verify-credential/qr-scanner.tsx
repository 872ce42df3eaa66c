"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { decodeQr } from "./qr-decode";

type Problem = "cameraDenied" | "cameraMissing" | "cameraFailed" | "noQr";

function cameraProblem(error: unknown): Problem {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "cameraDenied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "cameraMissing";
  return "cameraFailed";
}

/** Scan a QR code with the camera, or choose a picture of one; `onText` receives what it says. */
export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const t = useTranslations("verifyCredential");
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | null>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const stop = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  };
  useEffect(() => stop, []);

  const start = async () => {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) return setProblem("cameraMissing");
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      return setProblem(cameraProblem(error));
    }
    setScanning(true);
    const element = video.current!;
    element.srcObject = stream.current;
    await element.play().catch(() => undefined);
    const tick = async () => {
      if (!stream.current) return;
      const text = await decodeQr(element).catch(() => null);
      if (text) {
        stop();
        onText(text);
      } else {
        timer.current = window.setTimeout(tick, 250);
      }
    };
    void tick();
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setProblem(null);
    const text = await createImageBitmap(file)
      .then((bitmap) => decodeQr(bitmap))
      .catch(() => null);
    if (text) onText(text);
    else setProblem("noQr");
  };

  return (
    <div className="stack">
      <p className="hint" id={`${id}-hint`}>
        {t("scanHint")}
      </p>
      <div>
        {scanning ? (
          <button type="button" className="button secondary" onClick={stop}>
            {t("scanStop")}
          </button>
        ) : (
          <button type="button" className="button secondary" onClick={start} aria-describedby={`${id}-hint`}>
            {t("scanStart")}
          </button>
        )}
      </div>
      <video ref={video} hidden={!scanning} muted playsInline aria-label={t("cameraLabel")} style={{ width: "100%", maxWidth: "24rem" }} />
      {scanning && <p>{t("scanning")}</p>}
      <label htmlFor={`${id}-file`}>{t("uploadLabel")}</label>
      <span id={`${id}-file-hint`} className="hint">
        {t("uploadHint")}
      </span>
      <input id={`${id}-file`} type="file" accept="image/*" onChange={upload} aria-describedby={`${id}-file-hint`} style={{ maxWidth: "100%" }} />
      <div role="status" aria-live="polite">
        {problem && <p className="status error">{t(problem)}</p>}
      </div>
    </div>
  );
}
