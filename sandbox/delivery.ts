/**
 * How an API request's outcome reaches the socket: a whole answer, or one of the ways a network
 * or a server in trouble lets a client down.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Answer, serializeAnswer, writeAnswer } from "./http";

export type Delivery =
  /** The answer, whole. */
  | { kind: "answer"; answer: Answer }
  /** Close the socket (FIN) without answering; the client sees the connection end early. */
  | { kind: "close" }
  /** Reset the socket (TCP RST) without answering; the client sees ECONNRESET. */
  | { kind: "reset" }
  /** Never answer; the connection stays open until the sandbox closes. */
  | { kind: "hang" }
  /** Status line, headers (full `content-length`) and the first `bytes` of the body, then nothing. */
  | { kind: "stall"; answer: Answer; bytes: number };

export function deliver(
  request: IncomingMessage,
  response: ServerResponse,
  delivery: Delivery,
): void {
  switch (delivery.kind) {
    case "answer":
      writeAnswer(response, delivery.answer);
      return;
    case "close":
      request.socket.destroy();
      return;
    case "reset":
      request.socket.resetAndDestroy();
      return;
    case "hang":
      return;
    case "stall": {
      const { headers, payload } = serializeAnswer(delivery.answer);
      response.writeHead(delivery.answer.status, headers);
      response.write(payload?.subarray(0, delivery.bytes) ?? "");
      return;
    }
  }
}
