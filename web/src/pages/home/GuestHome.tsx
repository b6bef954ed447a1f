import { Button, Title } from '@mantine/core';
import { Link } from 'react-router';
import { SearchForm } from '../../components/SearchForm';
import { CategoryGrid } from '../services/CategoryGrid';
import classes from './Home.module.css';

const POPULAR_QUERIES = ['Загранпаспорт', 'Штрафы ГИБДД', 'Запись к врачу', 'Налоговый вычет'];

const STEPS = [
  {
    title: 'Войдите или зарегистрируйтесь',
    text: 'По номеру телефона, электронной почте или через банк. Вход защищён вторым фактором.',
  },
  {
    title: 'Выберите услугу и заполните заявление',
    text: 'Данные из профиля подставятся сами, черновик сохраняется на каждом шаге.',
  },
  {
    title: 'Следите за статусом',
    text: 'Уведомим о каждом изменении. Результат придёт в личный кабинет.',
  },
];

/** Home for a guest: hero with the big search, service categories, «Как это работает». */
export function GuestHome() {
  return (
    <>
      <section className={classes.hero} aria-labelledby="home-title">
        <div>
          <Title order={1} id="home-title" className={classes.heroTitle} tabIndex={-1}>
            Госуслуги онлайн — без очередей
          </Title>
          <p className={classes.heroLead}>
            Подавайте заявления, оплачивайте штрафы и налоги, записывайтесь к врачу и храните документы в
            одном личном кабинете.
          </p>
          <SearchForm
            size="lg"
            landmarkLabel="Поиск услуг"
            label="Какая услуга вам нужна?"
            labelHidden={false}
            tone="onDark"
            placeholder="Например, замена паспорта"
          />
          <ul className={classes.popular} aria-label="Часто ищут">
            <li aria-hidden="true">Часто ищут:</li>
            {POPULAR_QUERIES.map((q) => (
              <li key={q}>
                <Link to={`/search?q=${encodeURIComponent(q.toLocaleLowerCase('ru-RU'))}`}>{q}</Link>
              </li>
            ))}
          </ul>
          <div className={classes.heroButtons}>
            <Button component={Link} to="/login" variant="white" color="blue.7">
              Войти
            </Button>
            <Button component={Link} to="/register" variant="outline" className={classes.onDarkOutline}>
              Зарегистрироваться
            </Button>
          </div>
        </div>
        <div className={classes.heroArt} aria-hidden="true">
          <img src="/emblem.svg" alt="" width={220} height={220} />
        </div>
      </section>

      <section className={classes.section} aria-labelledby="home-categories">
        <div className={classes.sectionHead}>
          <Title order={2} id="home-categories">
            Услуги по темам
          </Title>
          <Link to="/services">Весь каталог</Link>
        </div>
        <CategoryGrid label="Темы услуг" />
      </section>

      <section className={classes.section} aria-labelledby="home-how">
        <div className={classes.sectionHead}>
          <Title order={2} id="home-how">
            Как это работает
          </Title>
        </div>
        <ol className={classes.steps}>
          {STEPS.map((s, i) => (
            <li key={s.title} className={classes.step}>
              <span className={classes.stepNum} aria-hidden="true">
                {i + 1}
              </span>
              <div>
                <h3 className={classes.stepTitle}>{s.title}</h3>
                <p className={classes.stepText}>{s.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
