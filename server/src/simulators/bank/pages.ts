// The bank's own pages (login, code, consent, error): minimal, self-contained HTML in Russian, as a
// bank's sign-in pages would be — no scripts, styles inline, every field labelled.

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Банк «Пример»</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f2f5f3; color: #1b1f1d; }
  header { background: #0b6b3a; color: #fff; padding: 12px 20px; font-weight: 700; font-size: 18px; }
  main { max-width: 440px; margin: 32px auto; padding: 24px; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 22px; line-height: 1.3; margin: 0 0 16px; }
  p { margin: 0 0 12px; }
  label { display: block; font-weight: 600; margin: 16px 0 4px; }
  input { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #6b756f; border-radius: 8px; }
  input:focus, button:focus { outline: 3px solid #1a73e8; outline-offset: 2px; }
  .hint { color: #4a524d; font-size: 14px; margin-top: 4px; }
  .error { background: #fdecea; color: #8a1c12; border-radius: 8px; padding: 10px 12px; margin: 0 0 12px; }
  .actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 24px; }
  button { font: inherit; font-weight: 600; padding: 12px 20px; border-radius: 8px; border: 2px solid #0b6b3a; cursor: pointer; }
  .primary { background: #0b6b3a; color: #fff; }
  .secondary { background: #fff; color: #0b6b3a; }
  ul { padding-left: 20px; margin: 0 0 12px; }
  dl { margin: 0 0 12px; }
  dt { color: #4a524d; font-size: 14px; }
  dd { margin: 0 0 8px; font-weight: 600; overflow-wrap: anywhere; }
  @media (max-width: 480px) { main { margin: 0; border-radius: 0; box-shadow: none; } .actions button { width: 100%; } }
</style>
</head>
<body>
<header>Банк «Пример»</header>
<main>
${body}
</main>
</body>
</html>`;
}

export function loginPage(action: string, clientName: string, error?: string, phone = ''): string {
  return layout(
    'Вход в банк',
    `<h1>Вход в банк</h1>
<p>Сервис «${escape(clientName)}» просит подтвердить, что это вы. Войдите с телефоном и паролем от банка.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
  <label for="phone">Номер телефона</label>
  <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required value="${escape(phone)}" aria-describedby="phone-hint">
  <p class="hint" id="phone-hint">Например, +7 900 100-00-01</p>
  <label for="password">Пароль от банка</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions">
    <button class="primary" type="submit">Войти</button>
  </div>
</form>
<form method="post" action="${escape(action.replace(/\/login$/, '/abort'))}">
  <div class="actions"><button class="secondary" type="submit">Отмена — вернуться в «${escape(clientName)}»</button></div>
</form>`,
  );
}

export function codePage(action: string, error?: string): string {
  return layout(
    'Код из приложения банка',
    `<h1>Код из приложения банка</h1>
<p>Откройте приложение банка и введите шестизначный код подтверждения входа.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
  <label for="code">Код подтверждения</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
  <div class="actions"><button class="primary" type="submit">Подтвердить</button></div>
</form>`,
  );
}

export function consentPage(
  confirmAction: string,
  abortAction: string,
  clientName: string,
  items: Array<{ title: string; value: string }>,
): string {
  return layout(
    'Передача данных',
    `<h1>Передать ваши данные в «${escape(clientName)}»?</h1>
<p>Банк передаст сервису сведения, которые проверил при личной встрече:</p>
<dl>
${items.map((i) => `  <dt>${escape(i.title)}</dt><dd>${escape(i.value)}</dd>`).join('\n')}
</dl>
<p>Без вашего согласия банк ничего не передаёт.</p>
<div class="actions">
  <form method="post" action="${escape(confirmAction)}"><button class="primary" type="submit">Разрешить передачу</button></form>
  <form method="post" action="${escape(abortAction)}"><button class="secondary" type="submit">Отказать</button></form>
</div>`,
  );
}

export function errorPage(message: string): string {
  return layout(
    'Ошибка',
    `<h1>Не получилось выполнить запрос</h1>
<p class="error" role="alert">${escape(message)}</p>
<p>Вернитесь в сервис, из которого пришли, и начните заново.</p>`,
  );
}
