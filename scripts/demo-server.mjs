// Serves the offline demo chat page on 127.0.0.1 (used by `npm start` and the e2e tests).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const demoFile = fileURLToPath(new URL('../utils/sites/demo/fixtures/index.html', import.meta.url));

/** Start the demo server; resolves with its URL. Port 0 picks a free port. */
export async function startDemoServer(port = 0) {
  const html = await readFile(demoFile, 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
