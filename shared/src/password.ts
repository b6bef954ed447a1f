// Imported as @kabinet/shared/password, apart from the index: its dictionaries are large and the
// web app loads them only on the pages that ask for a password.
/**
 * The password policy of PRODUCT.md §1, shared by the server (which decides) and the web app (which
 * shows the same verdict while the person types): 12 to 128 characters of any kind, no composition
 * rules, refused when it is common or breached, contains the person's own data, or is trivially
 * guessable. The strength estimate comes from zxcvbn-ts with its common-password and English
 * dictionaries plus a Russian list bundled here.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Frequent Russian passwords and keyboard walks, in Cyrillic and in the Latin layout they are typed in. */
export const RUSSIAN_COMMON_PASSWORDS = [
  'пароль',
  'парольпароль',
  'пароль123',
  'пароль12345',
  'йцукен',
  'йцукенгшщз',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'ячсмитьбю',
  'qwertyuiop',
  'qwerty123456',
  'asdfghjkl',
  'zxcvbnm',
  'parol',
  'parol123',
  'parolparol',
  'privet',
  'privetprivet',
  'привет',
  'приветпривет',
  'любовь',
  'люблютебя',
  'солнышко',
  'котенок',
  'наташа',
  'россия',
  'россия2024',
  'москва',
  'москва2024',
  'ljubov',
  'lyublyu',
  'moskva',
  'rossiya',
  'gosuslugi',
  'госуслуги',
  'госуслуги2024',
  'kabinet',
  'кабинет',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'ghjcnjgfhjkm',
  'gfhjkm',
  'gfhjkmgfhjkm',
  'vfrcbv',
  'fylhtq',
  'cjkysirj',
  'ytpyf.',
  'qwertyqwerty',
  '123456789012',
  '111111111111',
  '000000000000',
  '123123123123',
  'йцукенйцукен',
];

let estimator: ZxcvbnFactory | null = null;
/** Built on first use: the dictionaries are large, and most pages never check a password. */
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, russian: RUSSIAN_COMMON_PASSWORDS },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (guessed at once) … 4 (very strong), for the strength meter. */
  score: 0 | 1 | 2 | 3 | 4;
  /** What is wrong, in Russian, when not ok; advice when ok but could be stronger. */
  message: string | null;
}

const SCORE_LABELS = ['очень слабый', 'слабый', 'средний', 'хороший', 'надёжный'] as const;
export const passwordStrengthLabel = (score: number) => SCORE_LABELS[Math.max(0, Math.min(4, score))]!;

/** Normalises as the server stores it: NFC, so the same passphrase typed on any device matches. */
const normal = (s: string) => s.normalize('NFC');

/**
 * @param personal the person's own data (phone, e-mail, names, birth date, СНИЛС): a password
 *   containing any of it is refused.
 */
export function checkPassword(
  password: string,
  personal: readonly (string | null | undefined)[] = [],
): PasswordVerdict {
  const pw = normal(password);
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      ok: false,
      score: 0,
      message: `Пароль слишком короткий: ${length} из ${PASSWORD_MIN_LENGTH} символов. Подойдёт фраза из нескольких слов.`,
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      ok: false,
      score: 0,
      message: `Пароль слишком длинный: не больше ${PASSWORD_MAX_LENGTH} символов.`,
    };
  }
  const lower = pw.toLowerCase();
  const inputs = personal
    .filter((v): v is string => !!v)
    .flatMap((v) => {
      const value = normal(v).toLowerCase();
      const digits = value.replace(/\D/g, '');
      const parts = [value, ...value.split(/[\s@.]+/)];
      if (digits.length >= 6) parts.push(digits, digits.slice(-10));
      return parts;
    })
    .filter((v) => v.length >= 4);
  if (inputs.some((v) => lower.includes(v))) {
    return {
      ok: false,
      score: 0,
      message: 'Пароль содержит ваши данные — телефон, почту, имя или дату рождения. Придумайте другой.',
    };
  }
  const compact = lower.replace(/\s+/g, '');
  if (RUSSIAN_COMMON_PASSWORDS.includes(compact)) {
    return {
      ok: false,
      score: 0,
      message: 'Этот пароль есть в списках часто используемых и утёкших паролей. Придумайте другой.',
    };
  }
  const result = strength().check(pw, inputs);
  const score = result.score as PasswordVerdict['score'];
  const wholeIsDictionaryWord = result.sequence.length === 1 && result.sequence[0]?.pattern === 'dictionary';
  if (wholeIsDictionaryWord) {
    return {
      ok: false,
      score: 0,
      message: 'Этот пароль есть в списках часто используемых и утёкших паролей. Придумайте другой.',
    };
  }
  if (score < 2) {
    return {
      ok: false,
      score,
      message:
        'Пароль легко подобрать: в нём повторы, последовательности или известные слова. Добавьте несколько случайных слов.',
    };
  }
  return {
    ok: true,
    score,
    message: score < 3 ? 'Пароль подойдёт, но его можно сделать надёжнее: добавьте ещё одно слово.' : null,
  };
}
