import { Link } from 'react-router';
import classes from './AppShell.module.css';

/** Emblem and portal name; links home. */
export function Logo({ tagline = true }: { tagline?: boolean }) {
  return (
    <Link to="/" className={classes.logo}>
      <img src="/emblem.svg" alt="" width={40} height={40} />
      <span className={classes.logoText}>
        <span className={classes.logoName}>Кабинет</span>
        {tagline ? <span className={classes.logoTagline}>госуслуги онлайн</span> : null}
      </span>
      <span className="kb-visually-hidden"> — на главную</span>
    </Link>
  );
}
