// Display forms of identifiers. They lay out whatever digits they are given (a stored value, usually
// already normalized) and never validate check digits — displaying is not the place to reject data.
// Input that does not have the expected shape is returned unchanged.

import { stripSeparators } from '../identifiers/common';
import { phoneDigits } from '../identifiers/phone';

/** «+7 912 345-67-89» from «+79123456789», «89123456789», «+7 (912) 345-67-89»… */
export function formatPhone(phone: string): string {
  const d = phoneDigits(phone);
  if (!d) return phone;
  return `+7 ${d.slice(1, 4)} ${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9, 11)}`;
}

/** «112-233-445 95» */
export function formatSnils(snils: string): string {
  const d = stripSeparators(snils);
  if (!/^\d{11}$/.test(d)) return snils;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}

/** «45 06 123456» */
export function formatPassport(passport: string): string {
  const d = stripSeparators(passport).replace(/№/g, '');
  if (!/^\d{10}$/.test(d)) return passport;
  return `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`;
}

/** «1881 0177 2000 0001 2341» — groups of four from the left (a 25-digit УИН ends with a single digit). */
export function formatUin(uin: string): string {
  const d = stripSeparators(uin);
  if (!/^\d{20}$|^\d{25}$/.test(d)) return uin;
  return (d.match(/\d{1,4}/g) ?? []).join(' ');
}

/** «•••• 1234» — only the last four digits of a card number are ever shown. */
export function maskCard(pan: string): string {
  const d = stripSeparators(pan).replace(/\D/g, '');
  return d.length >= 4 ? `•••• ${d.slice(-4)}` : '••••';
}
