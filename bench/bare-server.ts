// The baseline: a minimal plain socket.io server doing what a podroom room does on the hot path —
// students join one room, the host opens a question that is broadcast to all of them, each
// answer is acknowledged — with answers kept in memory. `npm run bench` compares podroom to it.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 16 * 1024 });
const answers = new Map<string, unknown>();

io.on('connection', (socket) => {
  socket.on('join', (_payload: unknown, ack: (reply: object) => void) => {
    void socket.join('room');
    ack({ ok: true });
  });
  socket.on('open', (question: { id: string }, ack: (reply: object) => void) => {
    io.to('room').emit('question', question); // serialised once, written to every student
    ack({ ok: true });
  });
  socket.on(
    'answer',
    (payload: { questionId: string; value: unknown }, ack: (reply: object) => void) => {
      const key = `${socket.id}:${payload.questionId}`;
      if (answers.has(key)) return ack({ ok: false, error: { code: 'ALREADY_ANSWERED' } });
      answers.set(key, payload.value);
      ack({ ok: true, points: 0 });
    },
  );
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as { port: number };
  console.log(JSON.stringify({ port }));
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
