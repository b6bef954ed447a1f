import { describe, expect, it } from 'vitest';
import { STATUS_META } from '@kabinet/shared';
import { FALLBACK_STATUS_ICON, STATUS_ICONS, statusIcon } from './statusIcons';

describe('status icons', () => {
  it('bundle every icon named in STATUS_META', () => {
    const missing = Object.values(STATUS_META)
      .flatMap((domain) => Object.values(domain) as { icon: string }[])
      .map((meta) => meta.icon)
      .filter((name) => !(name in STATUS_ICONS));
    expect(missing).toEqual([]);
  });

  it('fall back for an unknown name', () => {
    expect(statusIcon('no-such-icon')).toBe(FALLBACK_STATUS_ICON);
    expect(statusIcon('constructor')).toBe(FALLBACK_STATUS_ICON);
  });
});
