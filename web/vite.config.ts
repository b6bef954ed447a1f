import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import {
  PAGE_BACKGROUND,
  PORTAL_DESCRIPTION,
  PORTAL_FULL_NAME,
  PORTAL_NAME,
  THEME_COLOR,
} from './src/brand.ts';

/** Served by the API server, never by the single-page app (nor by its service worker). */
const SERVER_PATHS = ['/api', '/healthz', '/readyz', '/metrics', '/sim'];
const API_SERVER = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false, // registered in src/main.tsx through virtual:pwa-register
      includeAssets: ['favicon.svg', 'emblem.svg', 'apple-touch-icon.png', 'robots.txt', 'push-sw.js'],
      manifest: {
        id: '/',
        name: PORTAL_FULL_NAME,
        short_name: PORTAL_NAME,
        description: PORTAL_DESCRIPTION,
        lang: 'ru',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: PAGE_BACKGROUND,
        categories: ['government', 'utilities'],
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS.map((p) => new RegExp(`^${p}(?:[/?#]|$)`)),
        cleanupOutdatedCaches: true,
        // Web Push: «Подтвердите вход в Кабинет» notifications and their clicks (public/push-sw.js).
        importScripts: ['/push-sw.js'],
      },
    }),
  ],
  server: {
    proxy: Object.fromEntries(SERVER_PATHS.map((p) => [p, { target: API_SERVER, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-transition-group|clsx|tslib|get-nonce|detect-node-es)[\\/]/,
            },
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/ },
            // The password policy's dictionaries (≈1.7 MB) load only with the pages that ask for a
            // new password (dynamic import of @kabinet/shared/password), never with the app shell.
            { name: 'password-dictionaries', test: /node_modules[\\/]@zxcvbn-ts[\\/]/ },
            // E-signature (web/src/esign/token.ts): loaded on first use, the Reflect polyfill in a chunk
            // of its own so that it is evaluated before @peculiar/x509 (tsyringe) needs it.
            { name: 'reflect-metadata', test: /node_modules[\\/]reflect-metadata[\\/]/ },
            { name: 'x509', test: /node_modules[\\/](@peculiar|tsyringe|asn1js|pvtsutils|pvutils)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
