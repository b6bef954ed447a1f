import {
  createTheme,
  rem,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';
import type { StatusTone } from '@kabinet/shared';
import { BLUE, PAGE_BACKGROUND } from './brand';

// Kabinet's visual language (DESIGN.md): PT Sans, 16 px body at 1.5, headings 32/24/20, one primary
// blue scale, a light grey-blue page with white cards, five status tones, an 8 px spacing grid.
// Every text colour below is checked against white and the page background for WCAG AA (4.5 : 1).

const blue: MantineColorsTuple = BLUE;

/** Cool greys. Shade 6 («dimmed» text) is 5.9 : 1 on white, shade 5 (placeholders) 4.6 : 1. */
const gray: MantineColorsTuple = [
  '#f8f9fb',
  PAGE_BACKGROUND,
  '#e6ebf2',
  '#d6dde7',
  '#b8c2d1',
  '#6b768a',
  '#5a6579',
  '#434d5f',
  '#2c3545',
  '#1b2433',
];

/** Danger / error red. Shade 6 (error messages, filled buttons) is 5.7 : 1 on white. */
const red: MantineColorsTuple = [
  '#fff0f0',
  '#ffdede',
  '#fbb9bb',
  '#f68d91',
  '#ee6068',
  '#e03d47',
  '#c4262e',
  '#a71f27',
  '#891a21',
  '#6c151a',
];

/** Success green. Shade 6 is 5.4 : 1 on white. */
const green: MantineColorsTuple = [
  '#e9f7ee',
  '#d3efdc',
  '#a8dfba',
  '#79cd95',
  '#4fb873',
  '#2f9a55',
  '#1d7a3e',
  '#186634',
  '#13522a',
  '#0e3f20',
];

/** Warning amber. Shade 6 is 5.5 : 1 on white. */
const orange: MantineColorsTuple = [
  '#fff6e6',
  '#fdebc8',
  '#f9d592',
  '#f4bc5a',
  '#eea42e',
  '#d98a12',
  '#a35400',
  '#8a4700',
  '#703a00',
  '#572d00',
];

export interface ToneColors {
  /** Text and icon colour: AA on white, on the page background and on `bg`. */
  fg: string;
  /** Badge / panel background. */
  bg: string;
  /** Badge / panel border. */
  border: string;
}

/** Status tones (StatusBadge, alerts, timelines). Contrast of fg on bg: 5.7, 6.0, 5.7, 6.3, 6.6. */
export const TONES: Record<StatusTone, ToneColors> = {
  success: { fg: '#1d6b3a', bg: '#e3f3e8', border: '#b5dcc2' },
  warning: { fg: '#8a4b00', bg: '#fdf0d9', border: '#f1cf94' },
  danger: { fg: '#b0262d', bg: '#fde8e8', border: '#f3b9bb' },
  info: { fg: '#1a4bc4', bg: '#e6eefd', border: '#bcd0f7' },
  neutral: { fg: '#4a5568', bg: '#eef1f5', border: '#d3d9e2' },
};

/** Mantine colour name that matches each tone (buttons, icons). */
export const TONE_COLOR: Record<StatusTone, string> = {
  success: 'green',
  warning: 'orange',
  danger: 'red',
  info: 'blue',
  neutral: 'gray',
};

const FONT = "'PT Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** 44 px: the least tap target (DESIGN.md) and the height of default buttons and inputs. */
export const TAP = 44;

export const theme: MantineThemeOverride = createTheme({
  primaryColor: 'blue',
  primaryShade: 6,
  colors: { blue, gray, red, green, orange },
  white: '#ffffff',
  black: gray[9],
  fontFamily: FONT,
  fontFamilyMonospace: "'PT Mono', ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  focusRing: 'auto',
  respectReducedMotion: true,
  cursorType: 'pointer',
  autoContrast: true,
  fontSizes: { xs: rem(13), sm: rem(14), md: rem(16), lg: rem(18), xl: rem(20) },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.5', lg: '1.5', xl: '1.5' },
  headings: {
    fontFamily: FONT,
    fontWeight: '700',
    textWrap: 'balance',
    sizes: {
      h1: { fontSize: rem(32), lineHeight: '1.25' },
      h2: { fontSize: rem(24), lineHeight: '1.3' },
      h3: { fontSize: rem(20), lineHeight: '1.35' },
      h4: { fontSize: rem(18), lineHeight: '1.4' },
      h5: { fontSize: rem(16), lineHeight: '1.5' },
      h6: { fontSize: rem(14), lineHeight: '1.5' },
    },
  },
  // 8 px grid
  spacing: { xs: rem(8), sm: rem(16), md: rem(24), lg: rem(32), xl: rem(48) },
  radius: { xs: rem(4), sm: rem(8), md: rem(12), lg: rem(16), xl: rem(24) },
  defaultRadius: 'sm',
  shadows: {
    xs: '0 1px 2px rgba(17, 48, 124, 0.06)',
    sm: '0 1px 3px rgba(17, 48, 124, 0.08), 0 1px 2px rgba(17, 48, 124, 0.04)',
    md: '0 4px 12px rgba(17, 48, 124, 0.08), 0 1px 3px rgba(17, 48, 124, 0.06)',
    lg: '0 8px 24px rgba(17, 48, 124, 0.10), 0 2px 6px rgba(17, 48, 124, 0.06)',
    xl: '0 16px 40px rgba(17, 48, 124, 0.14)',
  },
  other: {
    contentMaxWidth: rem(1200),
    pageBackground: PAGE_BACKGROUND,
    tones: TONES,
  },
  components: {
    // Every toast's close button says what it does (axe: buttons need a name).
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть уведомление' } } },
    Button: {
      defaultProps: { size: 'md' },
      vars: (_theme: unknown, props: { size?: string }) =>
        !props.size || props.size === 'md'
          ? { root: { '--button-height': rem(TAP), '--button-fz': rem(16) } }
          : { root: {} },
    },
    Input: {
      vars: (_theme: unknown, props: { size?: string }) =>
        !props.size || props.size === 'sm' || props.size === 'md'
          ? { wrapper: { '--input-height': rem(TAP), '--input-fz': rem(16) } }
          : { wrapper: {} },
    },
    InputWrapper: {
      styles: {
        label: { fontWeight: 700, marginBottom: rem(4), fontSize: rem(16) },
        description: { fontSize: rem(14), color: 'var(--mantine-color-gray-6)' },
        error: { fontSize: rem(14) },
      },
    },
    Card: { defaultProps: { radius: 'lg', withBorder: true, padding: 'md' } },
    Paper: { defaultProps: { radius: 'lg' } },
    Anchor: { defaultProps: { underline: 'always' } },
    Title: { defaultProps: { c: gray[9] } },
    Modal: { defaultProps: { radius: 'lg', centered: true } },
    Menu: { defaultProps: { radius: 'md', shadow: 'lg' } },
    Tooltip: { defaultProps: { withArrow: true } },
    Badge: { styles: { root: { textTransform: 'none', fontWeight: 700, letterSpacing: 0 } } },
    Container: { defaultProps: { size: 1200 } },
  },
});

/** Brand and tone colours as CSS variables (--kb-*) for *.module.css files. */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const variables: Record<string, string> = {
    '--kb-page-bg': PAGE_BACKGROUND,
    '--kb-content-max': rem(1200),
    '--kb-tap': rem(TAP),
    '--kb-border': gray[3],
    '--kb-text': gray[9],
    '--kb-text-dimmed': gray[6],
  };
  for (const [tone, c] of Object.entries(TONES)) {
    variables[`--kb-tone-${tone}-fg`] = c.fg;
    variables[`--kb-tone-${tone}-bg`] = c.bg;
    variables[`--kb-tone-${tone}-border`] = c.border;
  }
  return { variables, light: {}, dark: {} };
};
