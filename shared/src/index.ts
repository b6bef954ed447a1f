// @kabinet/shared — code shared by the server and the web app. Plain TypeScript + Intl + portable
// dependencies (zod): no Node-only and no DOM-only APIs — index.test.ts checks the sources.

import { z } from 'zod';

// zod's own messages (a missing field, a wrong type) in Russian, for the server and the web alike.
z.config(z.locales.ru());

export type { RandomSource, ValidationResult } from './identifiers/common';
export { identifierSchema, stripSeparators } from './identifiers/common';
export * from './identifiers/snils';
export * from './identifiers/inn';
export * from './identifiers/ogrn';
export * from './identifiers/kpp';
export * from './identifiers/passport';
export * from './identifiers/phone';
export * from './identifiers/postal-code';
export * from './identifiers/bik';
export * from './identifiers/account';
export * from './identifiers/uin';
export * from './identifiers/card';

export * from './format/date';
export * from './format/money';
export * from './format/plural';
export * from './format/identifiers';

export * from './statuses';
export * from './problem';
export * from './push';
