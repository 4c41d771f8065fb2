/**
 * The Yjs reference server (@y/websocket-server 0.1.1) as its own bin starts it: in memory, no
 * auth, no persistence; plus memory reports over IPC. Same `ws` version as ours.
 */
import "./trace";
import http from "node:http";
import { WebSocketServer } from "ws";
import { docs, setupWSConnection } from "@y/websocket-server/utils";
import { answerRequests, type ServerReport } from "./ipc";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
wss.on("connection", setupWSConnection);
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit("connection", ws, request);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  answerRequests(() => docs.size);
  process.send!({ type: "ready", port } satisfies ServerReport);
});
