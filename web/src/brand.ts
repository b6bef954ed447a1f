// Brand constants shared by the Mantine theme (src/theme.ts), the PWA manifest (vite.config.ts) and
// the icon script. Plain values only: this file is imported by Node at build time.

export const PORTAL_NAME = 'Кабинет';
export const PORTAL_FULL_NAME = 'Кабинет — госуслуги онлайн';
export const PORTAL_DESCRIPTION =
  'Личный кабинет портала государственных услуг: заявления, платежи, запись на приём и документы онлайн.';

/** Primary blue scale, light → dark. Shade 6 is the primary shade: 5.8 : 1 on white. */
export const BLUE = [
  '#eef4ff',
  '#dce8ff',
  '#b9cffd',
  '#8fb0f8',
  '#6590f2',
  '#3f72ea',
  '#245bdc',
  '#1a4bc4',
  '#163e9f',
  '#11307c',
] as const;

/** The theme colour of the browser UI and the installed app. */
export const THEME_COLOR = BLUE[7];
/** Page background: light grey-blue. */
export const PAGE_BACKGROUND = '#f2f5fa';

/** Support contacts shown in the footer, on the error page and in the help pages. */
export const SUPPORT_PHONE = '8 800 100-70-10';
export const SUPPORT_PHONE_HREF = 'tel:88001007010';
