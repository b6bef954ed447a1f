import {
  IconBabyCarriage,
  IconBriefcase,
  IconBuildingCommunity,
  IconCar,
  IconId,
  IconPigMoney,
  IconReceiptTax,
  IconSchool,
  IconStethoscope,
  type Icon,
} from '@tabler/icons-react';

export interface ServiceCategory {
  /** URL slug: /services?category=<slug> */
  slug: string;
  title: string;
  /** What citizens find there, in a few words. */
  hint: string;
  icon: Icon;
}

/** Catalogue categories (PRODUCT.md §3). */
export const SERVICE_CATEGORIES: ServiceCategory[] = [
  {
    slug: 'documents',
    title: 'Паспорта и документы',
    hint: 'Паспорт РФ, загранпаспорт, регистрация по месту жительства',
    icon: IconId,
  },
  {
    slug: 'transport',
    title: 'Транспорт',
    hint: 'Водительское удостоверение, регистрация автомобиля, штрафы ГИБДД',
    icon: IconCar,
  },
  {
    slug: 'health',
    title: 'Здоровье',
    hint: 'Запись к врачу, полис ОМС, прикрепление к поликлинике',
    icon: IconStethoscope,
  },
  {
    slug: 'family',
    title: 'Семья и дети',
    hint: 'Рождение ребёнка, брак, материнский капитал, детский сад',
    icon: IconBabyCarriage,
  },
  { slug: 'taxes', title: 'Налоги', hint: 'Налоговые начисления, вычеты, ИНН', icon: IconReceiptTax },
  {
    slug: 'pensions',
    title: 'Пенсии и пособия',
    hint: 'Пенсия, пособия, пенсионные накопления, выписки',
    icon: IconPigMoney,
  },
  {
    slug: 'housing',
    title: 'Жильё и ЖКХ',
    hint: 'Оплата ЖКХ, показания счётчиков, недвижимость',
    icon: IconBuildingCommunity,
  },
  {
    slug: 'business',
    title: 'Бизнес',
    hint: 'Регистрация ИП и ООО, отчётность, лицензии и разрешения',
    icon: IconBriefcase,
  },
  {
    slug: 'education',
    title: 'Образование',
    hint: 'Запись в школу и детский сад, документы об образовании',
    icon: IconSchool,
  },
];

export function categoryBySlug(slug: string | null | undefined): ServiceCategory | undefined {
  return SERVICE_CATEGORIES.find((c) => c.slug === slug);
}
