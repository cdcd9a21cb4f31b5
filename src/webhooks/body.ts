import type { IncomingMessage } from "node:http";

/** Both vendors send a few hundred bytes; anything near this is not theirs. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; status: 400 | 413; message: string };

/**
 * Reads a request body up to `limit` bytes. A larger body is refused as
 * soon as its Content-Length or its bytes say so, without buffering it.
 */
export function readBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<BodyResult> {
  const tooLarge: BodyResult = {
    ok: false,
    status: 413,
    message: `the body is larger than ${limit} bytes`,
  };
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        finish(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      finish({ ok: true, text });
    });
    req.on("error", () =>
      finish({ ok: false, status: 400, message: "the body could not be read" }),
    );
  });
}
