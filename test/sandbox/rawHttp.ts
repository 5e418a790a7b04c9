/**
 * A raw TCP exchange with the sandbox, for faults a client library would hide: the exact bytes
 * that arrive before a body stalls, or that nothing at all arrives before the connection ends.
 */
import * as net from "node:net";
import type { Sandbox } from "../../sandbox";

export interface RawExchange {
  /** Everything received so far, as text. */
  received(): string;
  /** Resolves once the server has closed or reset the connection. */
  closed: Promise<void>;
  /** Resolves once `received()` contains `text`. */
  receivedText(text: string): Promise<void>;
  destroy(): void;
}

/** Sends one HTTP/1.1 request to the sandbox's API over a plain socket. */
export async function rawRequest(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawExchange> {
  const { hostname, port } = new URL(sandbox.url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = Buffer.alloc(0);
  const waiters: Array<() => void> = [];
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const payload = body === undefined ? "" : JSON.stringify(body);
  socket.write(
    `${method} /api/v1${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Authorization: ${sandbox.apiKey}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
  const text = () => received.toString("utf8");
  return {
    received: text,
    closed,
    receivedText: async (expected) => {
      while (!text().includes(expected)) {
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    destroy: () => socket.destroy(),
  };
}

/** Waits until the sandbox has logged `count` requests. */
export async function loggedRequests(sandbox: Sandbox, count: number): Promise<void> {
  while (sandbox.requests.length < count) await new Promise((wake) => setTimeout(wake, 5));
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
