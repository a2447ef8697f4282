/**
 * 500 citizens' phones in a process of their own (test/bench/phone.bench.ts starts it): one `/ticket` socket per
 * tracking code read from the file named by argv[3], against the server at argv[2]. Prints `ready <n>` once every
 * socket has its first ticket, then, when its stdin closes, `messages <n>` (every ticket message received) and exits.
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

const [url, file] = process.argv.slice(2);
if (!url || !file) throw new Error('usage: phone-sockets <server url> <codes file>');
const codes = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let messages = 0;
let first = 0;
const sockets: Socket[] = codes.map((code) => {
  const s = io(`${url}/ticket`, { auth: { code }, transports: ['websocket'], forceNew: true });
  let seen = false;
  s.on('ticket', () => {
    messages += 1;
    if (!seen) {
      seen = true;
      first += 1;
      if (first === codes.length) console.log(`ready ${first}`);
    }
  });
  return s;
});
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of sockets) s.close();
  console.log(`messages ${messages}`);
  process.exit(0);
});
