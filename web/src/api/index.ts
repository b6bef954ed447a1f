export { api, apiFetch } from './client';
export { csrfFetch, csrfToken, resetCsrfToken, CSRF_HEADER } from './csrf';
export {
  ApiError,
  formErrors,
  problemOf,
  retryAfterOf,
  toProblem,
  unwrap,
  type FormErrors,
  type Problem,
} from './problem';
export { fetchMe, meQueryKey, useCurrentUser, useMe, type Me } from './me';
export { useLogout, LOGOUT_PATH } from './session';
export { useUnreadCount } from './notifications';
export { uploadFile, type UploadOptions } from './upload';
export { queryClient } from './queryClient';
export {
  authKeys,
  isCodeFactor,
  isStepUpRequired,
  safeNext,
  statusOf,
  STEP_UP_PROBLEM,
  type CodeFactorType,
  type FactorOption,
  type Factors,
  type HistoryItem,
  type SecondFactorType,
  type SessionItem,
  type TotpSetup,
} from './auth';
