import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { Footer } from './Footer';
import { Header } from './Header';
import { MobileTabBar } from './MobileTabBar';
import { PushApprovals } from '../../push/PushApprovals';
import classes from './AppShell.module.css';

/** After an in-app navigation, focus goes to the new page's h1 so screen readers announce it. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      target?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

/**
 * The page frame: skip link, header (banner) with the top menu, main, footer (contentinfo) and,
 * at phone width, the bottom tab bar.
 */
export function AppLayout() {
  useFocusOnNavigate();
  return (
    <div className={classes.page}>
      <a
        href="#main"
        className={classes.skip}
        onClick={(e) => {
          const main = document.getElementById('main');
          if (!main) return;
          e.preventDefault();
          main.focus({ preventScroll: true });
          main.scrollIntoView();
        }}
      >
        Перейти к содержимому
      </a>
      <Header />
      <main id="main" tabIndex={-1} className={`kb-container ${classes.main}`}>
        <Outlet />
      </main>
      <Footer />
      <MobileTabBar />
      <PushApprovals />
      <ScrollRestoration />
    </div>
  );
}
