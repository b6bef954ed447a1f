import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors';

const API_LIKE = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/;

/**
 * Serves the built React app. Hashed assets are cached for a year; index.html and the service
 * worker (and the push handler it imports) never are, so a deploy reaches users at their next visit. Any other GET that accepts
 * HTML gets index.html and the client router decides (it shows its own 404 page).
 */
export async function registerWeb(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        const name = path.basename(filePath);
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
        else if (
          name === 'sw.js' ||
          name === 'push-sw.js' ||
          name.endsWith('.html') ||
          name === 'manifest.webmanifest'
        )
          res.header('cache-control', 'no-cache');
        else res.header('cache-control', 'public, max-age=3600');
      },
    });
  }

  // The app shell is served for every client-side route: kept in memory, revalidated by ETag.
  const shell = hasWeb ? readFileSync(path.join(webDist, 'index.html')) : null;
  const shellTag = shell ? `"${createHash('sha256').update(shell).digest('base64url').slice(0, 27)}"` : '';

  app.setNotFoundHandler((request, reply) => {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (request.method === 'GET' && wantsHtml && !API_LIKE.test(request.url) && shell) {
      reply.header('cache-control', 'no-cache').header('etag', shellTag);
      if (request.headers['if-none-match'] === shellTag) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(shell);
    }
    if (request.method === 'GET' && wantsHtml && !API_LIKE.test(request.url)) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Кабинет</title><p>Веб-приложение не собрано. Выполните <code>npm run build</code> или <code>npm start</code>.</p></html>',
        );
    }
    return sendProblem(
      reply,
      404,
      `Адрес ${request.method} ${request.url.split('?')[0]} не найден. Проверьте адрес запроса.`,
    );
  });
}
