import {
  IconAlertTriangle,
  IconArchive,
  IconArrowBackUp,
  IconCalendarCheck,
  IconCalendarEvent,
  IconCalendarTime,
  IconCalendarX,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconClock,
  IconClockX,
  IconCoins,
  IconFileCheck,
  IconFileX,
  IconHelpCircle,
  IconHourglass,
  IconInbox,
  IconLock,
  IconMail,
  IconMessageQuestion,
  IconPencil,
  IconReceipt,
  IconReceiptRefund,
  IconSend,
  IconShieldCheck,
  IconShieldX,
  IconSignature,
  IconThumbUp,
  IconUpload,
  IconUser,
  IconUserCheck,
  IconUserX,
  type Icon,
} from '@tabler/icons-react';

// Tabler icons by the kebab-case names used in STATUS_META (@kabinet/shared). Only these are bundled
// (importing the whole set would add megabytes); statusIcons.test.ts checks every name is here.
export const STATUS_ICONS: Readonly<Record<string, Icon>> = {
  'alert-triangle': IconAlertTriangle,
  archive: IconArchive,
  'arrow-back-up': IconArrowBackUp,
  'calendar-check': IconCalendarCheck,
  'calendar-event': IconCalendarEvent,
  'calendar-time': IconCalendarTime,
  'calendar-x': IconCalendarX,
  'circle-check': IconCircleCheck,
  'circle-x': IconCircleX,
  clock: IconClock,
  'clock-x': IconClockX,
  coins: IconCoins,
  'file-check': IconFileCheck,
  'file-x': IconFileX,
  'help-circle': IconHelpCircle,
  hourglass: IconHourglass,
  inbox: IconInbox,
  lock: IconLock,
  mail: IconMail,
  'message-question': IconMessageQuestion,
  pencil: IconPencil,
  receipt: IconReceipt,
  'receipt-refund': IconReceiptRefund,
  send: IconSend,
  'shield-check': IconShieldCheck,
  'shield-x': IconShieldX,
  signature: IconSignature,
  'thumb-up': IconThumbUp,
  upload: IconUpload,
  user: IconUser,
  'user-check': IconUserCheck,
  'user-x': IconUserX,
};

/** Shown for an icon name this build does not bundle. */
export const FALLBACK_STATUS_ICON: Icon = IconCircleDashed;

export function statusIcon(name: string): Icon {
  return Object.prototype.hasOwnProperty.call(STATUS_ICONS, name)
    ? STATUS_ICONS[name]!
    : FALLBACK_STATUS_ICON;
}
