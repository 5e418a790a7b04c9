/**
 * A scripted HTTP server on 127.0.0.1 for client tests: each request takes the next step of a
 * queued script, and every request is recorded (method, path, headers, body).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** An answer: `json` is serialized, `text` is sent as is. */
export interface ScriptAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** One scripted answer. */
export type ScriptStep =
  /** Answer with this status; `json` is serialized, `text` is sent as is. */
  | ScriptAnswer
  /** Read the request, then close the connection without answering (FIN). */
  | { action: "close" }
  /** Read the request, then reset the connection without answering (RST). */
  | { action: "reset" }
  /** Read the request and never answer. */
  | { action: "hang" }
  /** Answer `response` only once the test calls `release()`. */
  | { action: "hold"; response: ScriptAnswer }
  /**
   * Send the headers of `response` (with the full `content-length`) and the first `sentBytes`
   * bytes of its body (half by default), then nothing more: a body that stalls part-way. With
   * `trickleMs`, one more byte follows every `trickleMs`, never the last one: a body that keeps
   * arriving, too slowly to ever complete.
   */
  | { action: "stall"; response: ScriptAnswer; sentBytes?: number; trickleMs?: number };

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
  /** Resolves once `count` requests have been recorded. */
  waitForRequests(count: number): Promise<void>;
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

function bodyOf(step: ScriptAnswer): { body: string; type: string } {
  return step.json !== undefined
    ? { body: JSON.stringify(step.json), type: "application/json" }
    : { body: step.text ?? "", type: "text/plain" };
}

function answer(response: ServerResponse, step: ScriptAnswer): void {
  const { body, type } = bodyOf(step);
  response.writeHead(step.status, { "content-type": type, ...step.headers });
  response.end(body);
}

function stall(
  response: ServerResponse,
  step: { response: ScriptAnswer; sentBytes?: number; trickleMs?: number },
): void {
  const { body, type } = bodyOf(step.response);
  const bytes = Buffer.from(body);
  response.writeHead(step.response.status, {
    "content-type": type,
    "content-length": String(bytes.length),
    ...step.response.headers,
  });
  let sent = step.sentBytes ?? Math.floor(bytes.length / 2);
  response.write(bytes.subarray(0, sent));
  if (step.trickleMs === undefined) return;
  const timer = setInterval(() => {
    if (sent >= bytes.length - 1) return clearInterval(timer);
    response.write(bytes.subarray(sent, sent + 1));
    sent += 1;
  }, step.trickleMs);
  response.on("close", () => clearInterval(timer));
}

/** Starts a script server on 127.0.0.1, on a free port. */
export async function startScriptServer(): Promise<ScriptServer> {
  const script: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const held: Array<() => void> = [];
  const heldWaiters: Array<{ count: number; resolve: () => void }> = [];
  const requestWaiters: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  let released = false;
  let inFlight = 0;
  let maxInFlight = 0;

  const notify = (waiters: Array<{ count: number; resolve: () => void }>, reached: number) => {
    for (const waiter of waiters.filter((w) => reached >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
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
      notify(requestWaiters, requests.length);
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
        case "stall":
          return stall(response, step);
        case "hold":
          if (released) return answer(response, step.response);
          held.push(() => answer(response, step.response));
          return notify(heldWaiters, held.length);
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (waiters: typeof requestWaiters, reached: () => number, count: number) =>
    new Promise<void>((resolve) => {
      waiters.push({ count, resolve });
      notify(waiters, reached());
    });

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
    waitForHeld: (count) => waitFor(heldWaiters, () => held.length, count),
    waitForRequests: (count) => waitFor(requestWaiters, () => requests.length, count),
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
