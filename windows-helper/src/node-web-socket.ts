// Live events in Node: Node 20 has no global WebSocket, so the `ws` package, sending the device token
// as `Authorization: Bearer` (the browser sends its cookie instead).
import WebSocket from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../../worker/src/client/live-events.js';

export const nodeWebSocket: WebSocketFactory = (url, token) =>
  new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }) as unknown as WebSocketLike;
