import { useEffect } from 'react';
import { PORTAL_FULL_NAME, PORTAL_NAME } from '../brand';

/** «Услуги — Кабинет»; the home page passes nothing and gets the full portal name. */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} — ${PORTAL_NAME}` : PORTAL_FULL_NAME;
  }, [title]);
}
