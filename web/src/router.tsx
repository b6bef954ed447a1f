import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppShell/AppLayout';
import { PageErrorBoundary, RootErrorBoundary } from './pages/ErrorPage';
import { LoginPage } from './pages/auth/LoginPage';
import { RegisterPage } from './pages/auth/RegisterPage';
import { RecoveryPage } from './pages/auth/RecoveryPage';
import { LostContactsPage } from './pages/auth/LostContactsPage';
import { SmsLoginPage } from './pages/auth/SmsLogin';
import { LevelPage } from './pages/identity/LevelPage';
import { HomePage } from './pages/home/HomePage';
import { AccessibilityPage, HelpPage, PrivacyPage, SupportPage, TermsPage } from './pages/info/InfoPages';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { PostLetterPage } from './pages/identity/PostLetterPage';
import { SearchPage } from './pages/search/SearchPage';
import {
  AppointmentsPage,
  DocumentsPage,
  HistoryPage,
  NotificationsPage,
  PaymentsPage,
} from './pages/sections';
import { ServicesPage } from './pages/services/ServicesPage';
import { SecurityStaffPage } from './pages/security/SecurityStaffPage';
import { SecurityPage } from './pages/settings/SecurityPage';
import { EsignLoginPage } from './pages/esign/EsignLoginPage';
import { EsignPage } from './pages/esign/EsignPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { ActivatePage } from './pages/operator/ActivatePage';
import { OperatorPage } from './pages/operator/OperatorPage';
import { SlipPage } from './pages/operator/SlipPage';
import { BankResultPage } from './pages/bank/BankResultPage';
import { ConfirmLoginPage } from './pages/auth/ConfirmLoginPage';

/**
 * Pages inside the frame. Modules add their routes here (and replace the placeholder sections).
 * /login, /register and /settings/* belong to the identity module.
 */
export const pageRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'services', element: <ServicesPage /> },
  { path: 'search', element: <SearchPage /> },
  { path: 'history', element: <HistoryPage /> },
  { path: 'profile', element: <ProfilePage /> },
  { path: 'profile/level/post', element: <PostLetterPage /> },
  { path: 'login', element: <LoginPage /> },
  { path: 'login/esign', element: <EsignLoginPage /> },
  { path: 'settings/esign', element: <EsignPage /> },
  { path: 'register', element: <RegisterPage /> },
  { path: 'recovery', element: <RecoveryPage /> },
  { path: 'recovery/lost', element: <LostContactsPage /> },
  { path: 'login/sms', element: <SmsLoginPage /> },
  { path: 'confirm-login', element: <ConfirmLoginPage /> },
  { path: 'profile/level', element: <LevelPage /> },
  { path: 'bank/result', element: <BankResultPage /> },
  { path: 'settings', element: <SettingsPage /> },
  { path: 'settings/security', element: <SecurityPage /> },
  { path: 'security', element: <SecurityStaffPage /> },
  { path: 'notifications', element: <NotificationsPage /> },
  { path: 'documents', element: <DocumentsPage /> },
  { path: 'payments', element: <PaymentsPage /> },
  { path: 'appointments', element: <AppointmentsPage /> },
  { path: 'help', element: <HelpPage /> },
  { path: 'support', element: <SupportPage /> },
  { path: 'accessibility', element: <AccessibilityPage /> },
  { path: 'privacy', element: <PrivacyPage /> },
  { path: 'terms', element: <TermsPage /> },
  { path: 'operator', element: <OperatorPage /> },
  { path: 'operator/slip', element: <SlipPage /> },
  { path: 'activate/:token', element: <ActivatePage /> },
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RootErrorBoundary />,
    children: [{ errorElement: <PageErrorBoundary />, children: pageRoutes }],
  },
];

export const router = createBrowserRouter(routes);
