/**
 * The baseline for the cached-generation benchmark: a bare Express app in its own process that
 * answers POST /kubectl-command with the JSON the real service gave (BENCH_BODY), after parsing
 * the JSON request body as the service does. No auth, throttling, validation, cache or metrics.
 */
import express from 'express';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const answer: unknown = JSON.parse(process.env.BENCH_BODY ?? '{}');

const app = express();
app.disable('x-powered-by');
app.get('/health', (_request, response) => {
  response.json({ status: 'healthy' });
});
app.post('/kubectl-command', express.json({ limit: '2mb' }), (_request, response) => {
  response.json(answer);
});
app.listen(port, host);
