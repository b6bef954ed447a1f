import type { X509Certificate } from '@peculiar/x509';
import type { SimCertificate } from './store';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (d: Date) => d.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });

/** The CA's office page: what it does, its root and CRL, and a holder's certificates by СНИЛС. */
export function officePage(input: {
  root: X509Certificate;
  query: string;
  invalid: boolean;
  rows: SimCertificate[];
  now: Date;
}) {
  const rows = input.rows
    .map((r) => {
      const status = r.revokedAt
        ? `Отозван ${day(r.revokedAt)}`
        : r.notAfter < input.now
          ? 'Срок истёк'
          : 'Действует';
      return `<tr><td><code>${esc(r.serial)}</code></td><td>${esc(r.subject)}</td><td>${day(r.notBefore)} — ${day(r.notAfter)}</td><td>${status}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Удостоверяющий центр (симулятор)</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:16px;line-height:1.5}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccd;padding:6px;text-align:left;vertical-align:top}
code{word-break:break-all}label{display:block;font-weight:600}input{font-size:16px;padding:6px}</style></head>
<body><main>
<h1>Удостоверяющий центр «Кабинет» — симулятор</h1>
<p>Здесь стоит офис аккредитованного удостоверяющего центра. В жизни заявитель приходит с паспортом и
СНИЛС, сотрудник проверяет личность и выпускает квалифицированный сертификат на ключ, который
заявитель создал сам. Симулятор выпускает сертификат на запрос PKCS#10, к которому приложены ФИО и
СНИЛС заявителя: проверка личности считается пройденной в офисе.</p>
<p>Алгоритм — ECDSA P-256 (SHA-256): алгоритмов ГОСТ нет в WebCrypto браузеров.</p>
<ul>
<li><a href="root.crt">Корневой сертификат УЦ</a> (${esc(input.root.subject)}, действует до ${day(input.root.notAfter)})</li>
<li><a href="crl">Список отозванных сертификатов (CRL)</a></li>
</ul>
<h2>Сертификаты заявителя</h2>
<form method="get" action="">
<label for="snils">СНИЛС</label>
<input id="snils" name="snils" value="${esc(input.query)}" inputmode="numeric" autocomplete="off" aria-describedby="snils-hint">
<p id="snils-hint">Например, 112-233-445 95</p>
<button type="submit">Найти</button>
</form>
${input.invalid ? '<p role="alert">Неверный СНИЛС: 11 цифр с верным контрольным числом.</p>' : ''}
${
  input.query && !input.invalid
    ? rows
      ? `<table><thead><tr><th>Серийный номер</th><th>Владелец</th><th>Срок действия</th><th>Состояние</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p>Сертификатов на этот СНИЛС не выпускалось.</p>'
    : ''
}
</main></body></html>`;
}
