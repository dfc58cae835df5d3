/** A real HTTP server for tests that need sockets: the app behind @hono/node-server on a random local port. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { App } from "../src/app";

/**
 * Serves `app` on 127.0.0.1 and a free port, as `npm start` does.
 * @example const server = await listen(app); await fetch(`${server.url}/health`); await server.close();
 */
export async function listen(app: App): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
