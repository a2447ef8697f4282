/**
 * The bare baseline's server, a child process of its own (as the queue server is): node:http and Socket.IO on
 * 127.0.0.1 with nothing else — no auth, no rooms, no database. `POST /emit` with `{messages: [{type, data}]}`
 * broadcasts each message to every socket, in order, and answers 204: the least any server can do for a call.
 * Reports `{type: 'ready', port}` over IPC; exits when the parent says `stop` or goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export type BareReady = { type: 'ready'; port: number };
export interface BareEmit {
  messages: { type: string; data: object }[];
}

const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/emit') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BareEmit;
    for (const m of body.messages) io.emit(m.type, m.data);
    res.writeHead(204).end();
  });
});
const io = new Server(http, { serveClient: false, cors: { origin: false } });

http.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (http.address() as AddressInfo).port } satisfies BareReady);
});

const stop = () => {
  void io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('message', (m: { type: string }) => {
  if (m.type === 'stop') stop();
});
process.on('disconnect', stop);
