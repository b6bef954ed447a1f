import { randomSnils } from '@kabinet/shared';
import type { NewUserRow } from '../modules/identity/seed';

const maleFirst = [
  'Александр',
  'Дмитрий',
  'Максим',
  'Сергей',
  'Андрей',
  'Алексей',
  'Артём',
  'Илья',
  'Кирилл',
  'Михаил',
  'Никита',
  'Матвей',
  'Роман',
  'Егор',
  'Иван',
  'Павел',
  'Владимир',
  'Николай',
  'Олег',
  'Юрий',
];
const femaleFirst = [
  'Анастасия',
  'Мария',
  'Анна',
  'Виктория',
  'Екатерина',
  'Наталья',
  'Марина',
  'Полина',
  'София',
  'Дарья',
  'Алиса',
  'Ксения',
  'Елена',
  'Ольга',
  'Татьяна',
  'Ирина',
  'Юлия',
  'Светлана',
  'Вера',
  'Людмила',
];
const lastNames = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
];
const fathers = [
  'Александр',
  'Дмитри',
  'Сергее',
  'Андрее',
  'Алексее',
  'Михайло',
  'Ивано',
  'Павло',
  'Владимиро',
  'Николае',
  'Олего',
  'Юрье',
  'Викторо',
  'Петро',
  'Борисо',
];

/** A small deterministic PRNG (mulberry32), so that a seed run can be repeated exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function patronymic(father: string, female: boolean): string {
  // «Александр» → Александрович/Александровна; «Сергее» → Сергеевич/Сергеевна; «Михайло» → Михайлович.
  if (father === 'Александр') return female ? 'Александровна' : 'Александрович';
  if (father === 'Дмитри') return female ? 'Дмитриевна' : 'Дмитриевич';
  return father + (female ? 'вна' : 'вич');
}

/**
 * Generated citizens for load tests and large demos. Phones and e-mails are derived from the
 * index (unique within a run, `run` keeps runs apart); СНИЛС are valid and de-duplicated.
 */
export function generateCitizens(count: number, passwordHash: string, run: number, seed = 1): NewUserRow[] {
  const rand = prng(seed);
  const snilsSeen = new Set<string>();
  const rows: NewUserRow[] = [];
  for (let i = 0; i < count; i++) {
    const female = rand() < 0.5;
    const last = pick(rand, lastNames);
    let snils = randomSnils(rand);
    while (snilsSeen.has(snils)) snils = randomSnils(rand);
    snilsSeen.add(snils);
    const year = 1940 + Math.floor(rand() * 66);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const level = rand() < 0.6 ? 'confirmed' : rand() < 0.7 ? 'standard' : 'simplified';
    const serial = String(run * 10_000_000 + i)
      .padStart(9, '0')
      .slice(-9);
    rows.push({
      phone: `+79${serial}`,
      email: `citizen${run}.${i}@load.kabinet.ru`,
      snils: level === 'simplified' ? null : snils,
      passwordHash,
      level,
      lastName: level === 'simplified' ? null : female ? `${last}а` : last,
      firstName: level === 'simplified' ? null : pick(rand, female ? femaleFirst : maleFirst),
      middleName: level === 'simplified' ? null : patronymic(pick(rand, fathers), female),
      birthDate:
        level === 'simplified'
          ? null
          : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      roles: ['citizen'],
      confirmed: true,
    });
  }
  return rows;
}
