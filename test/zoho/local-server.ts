import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A scripted HTTP server on 127.0.0.1 for answers the sandbox cannot give. */
export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** Starts `handle` on a free loopback port. */
export async function startLocalServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<LocalServer> {
  const server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).catch(() => {
      res.statusCode = 599;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON text body with a status. */
export function answer(
  res: ServerResponse,
  status: number,
  text: string,
): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(text);
}
