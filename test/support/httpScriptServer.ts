/**
 * A scripted HTTP server on 127.0.0.1 for client tests: each request takes the next step of a
 * queued script, and every request is recorded (method, path, headers, body).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted answer. */
export type ScriptStep =
  /** Answer with this status; `json` is serialized, `text` is sent as is. */
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  /** Read the request, then close the connection without answering (FIN). */
  | { action: "close" }
  /** Read the request, then reset the connection without answering (RST). */
  | { action: "reset" }
  /** Read the request and never answer. */
  | { action: "hang" }
  /** Answer `response` only once the test calls `release()`. */
  | { action: "hold"; response: { status: number; json?: unknown } };

/** A request as the server saw it. Header names are lower case. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A running script server. */
export interface ScriptServer {
  /** `http://127.0.0.1:<port>/api/v1`, a base URL as SparkPost documents them. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Requests read but not yet answered. */
  readonly inFlight: number;
  /** The most requests that were in flight at once. */
  readonly maxInFlight: number;
  /** Appends steps to the script. */
  enqueue(...steps: ScriptStep[]): void;
  /** Resolves once `count` requests are being held. */
  waitForHeld(count: number): Promise<void>;
  /** Answers every held request, and makes later `hold` steps answer at once. */
  release(): void;
  /** `"METHOD /path"` of each request, in order. */
  requestLines(): string[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function answer(
  response: ServerResponse,
  step: { status: number; json?: unknown; text?: string; headers?: Record<string, string> },
): void {
  const body = step.json !== undefined ? JSON.stringify(step.json) : (step.text ?? "");
  const type = step.json !== undefined ? "application/json" : "text/plain";
  response.writeHead(step.status, { "content-type": type, ...step.headers });
  response.end(body);
}

/** Starts a script server on 127.0.0.1, on a free port. */
export async function startScriptServer(): Promise<ScriptServer> {
  const script: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const held: Array<() => void> = [];
  const heldWaiters: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  let released = false;
  let inFlight = 0;
  let maxInFlight = 0;

  const notifyHeld = () => {
    for (const waiter of heldWaiters.filter((w) => held.length >= w.count)) {
      heldWaiters.splice(heldWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const server = createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on("close", () => (inFlight -= 1));
    void readBody(request).then((body) => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: { ...request.headers },
        body,
      });
      const step = script.shift() ?? {
        status: 599,
        json: { errors: [{ message: `no scripted answer for ${request.method} ${request.url}` }] },
      };
      if (!("action" in step)) return answer(response, step);
      switch (step.action) {
        case "close":
          return request.socket.destroy();
        case "reset":
          return request.socket.resetAndDestroy();
        case "hang":
          return;
        case "hold":
          if (released) return answer(response, step.response);
          held.push(() => answer(response, step.response));
          return notifyHeld();
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue: (...steps) => void script.push(...steps),
    waitForHeld: (count) =>
      new Promise<void>((resolve) => {
        heldWaiters.push({ count, resolve });
        notifyHeld();
      }),
    release: () => {
      released = true;
      for (const respond of held.splice(0)) respond();
    },
    requestLines: () => requests.map((r) => `${r.method} ${r.path}`),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
