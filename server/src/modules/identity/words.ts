import { formatTime, plural } from '@kabinet/shared';

/** «секунду / секунды / секунд» for «через N …». */
export const secondsWord = (n: number) => plural(n, ['секунду', 'секунды', 'секунд']);

/** Times in messages are shown in Moscow time until the user's own zone is known. */
export const formatTimeMoscow = (d: Date) => formatTime(d, 'Europe/Moscow');
