// Shared components (DESIGN.md): pages compose these and do not restyle them.
export { ActionButton, type Action } from './ActionButton';
export { ChargeCard, type ChargeCardProps, type ChargeDiscount } from './ChargeCard';
export { CodeInput, type CodeInputProps } from './CodeInput';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { DataTable, type DataTableColumn, type DataTableProps, type SortDirection } from './DataTable';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { FileDrop, formatFileSize, type FileDropProps } from './FileDrop';
export {
  ErrorSummary,
  FormStep,
  FormStepper,
  PrefillMark,
  useStepField,
  type ErrorSummaryProps,
  type FormStepProps,
  type FormStepperProps,
} from './FormStep';
export { PageHeader, type Crumb, type PageHeaderProps } from './PageHeader';
export { RequireLogin, loginHref } from './RequireLogin';
export { SearchForm, type SearchFormProps } from './SearchForm';
export { ServiceCard, type ServiceCardProps } from './ServiceCard';
export { StatusBadge, type StatusBadgeProps } from './StatusBadge';
export { SupportContacts } from './SupportContacts';
export { Timeline, type TimelineEvent, type TimelineProps } from './Timeline';
export { Widget, type WidgetProps } from './Widget';
export {
  codeComplete,
  factorTitle,
  normaliseCode,
  SecondFactorFields,
  useSecondFactor,
  type SecondFactorFieldsProps,
  type SecondFactorState,
  type SentCode,
  type UseSecondFactorOptions,
} from './SecondFactor';
export {
  isStepUpCancelled,
  StepUpCancelledError,
  StepUpDialog,
  stepUpFactors,
  useStepUp,
  type StepUp,
  type StepUpDialogProps,
} from './StepUpDialog';
