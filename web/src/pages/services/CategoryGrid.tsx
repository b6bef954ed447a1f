import { Link } from 'react-router';
import { SERVICE_CATEGORIES } from './categories';
import classes from './CategoryGrid.module.css';

/** The nine catalogue categories as tiles linking to /services?category=<slug>. */
export function CategoryGrid({ current, label }: { current?: string; label: string }) {
  return (
    <ul className={classes.grid} aria-label={label}>
      {SERVICE_CATEGORIES.map((c) => (
        <li key={c.slug}>
          <Link
            to={`/services?category=${c.slug}`}
            className={classes.card}
            aria-current={current === c.slug ? 'page' : undefined}
          >
            <span className={classes.icon} aria-hidden="true">
              <c.icon size={26} stroke={1.6} />
            </span>
            <span>
              <span className={classes.title}>{c.title}</span>
              <span className={classes.hint}>{c.hint}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
