import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const FILE = '/work/project/stms.config.yaml';
const clusters = { GZ_UAT: { url: 'http://127.0.0.1:9001', tokenUser: 'hadoop', tokenCode: 'tok-gz', idc: 'GZ', role: 'primary' } };
const load = (extra: Record<string, unknown>) => resolveConfig({ clusters, ...extra }, FILE, {});

describe('config requireChange and changeWindows', () => {
  it('reads the documented example as it is written', async () => {
    const changeWindows = {
      timeZone: 'Asia/Shanghai',
      allow: [{ days: ['Mon', 'Tue', 'Wed', 'Thu'], from: '09:30', to: '17:00' }],
      freezes: [{ from: '2026-12-28', to: '2027-01-03', reason: 'year-end freeze' }],
    };
    const config = await load({ requireChange: true, changeWindows });
    expect(config.requireChange).toBe(true);
    expect(config.changeWindows).toEqual(changeWindows);
  });

  it('defaults: no change id needed, no windows', async () => {
    const config = await load({});
    expect(config.requireChange).toBe(false);
    expect(config.changeWindows).toBeUndefined();
  });

  it('a window ending at or before it starts is a config error telling to write two windows', async () => {
    const bad = load({ changeWindows: { timeZone: 'Asia/Shanghai', allow: [{ days: ['Fri'], from: '22:00', to: '02:00' }] } });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    await expect(bad).rejects.toThrow(/changeWindows\.allow\.0\.to.*to 02:00 is not after from 22:00: a window does not span midnight; write two windows/);
    await expect(load({ changeWindows: { timeZone: 'Asia/Shanghai', allow: [{ days: ['Fri'], from: '09:00', to: '09:00' }] } })).rejects.toThrow(/does not span midnight/);
    await expect(load({ changeWindows: { timeZone: 'Asia/Shanghai', allow: [{ days: ['Fri'], from: '22:00', to: '24:00' }] } })).resolves.toBeDefined();
  });

  it.each([
    [{ timeZone: 'Asia/Shangai' }, /changeWindows\.timeZone: "Asia\/Shangai" is not an IANA time zone; write one such as Asia\/Shanghai/],
    [{ timeZone: '' }, /changeWindows\.timeZone: "" is not an IANA time zone/],
    [{ timeZone: 'UTC', allow: [{ days: ['Monday'], from: '09:00', to: '10:00' }] }, /changeWindows\.allow\.0\.days\.0.*a day: Mon, Tue, Wed, Thu, Fri, Sat, Sun/],
    [{ timeZone: 'UTC', allow: [{ days: [], from: '09:00', to: '10:00' }] }, /changeWindows\.allow\.0\.days.*at least one day/],
    [{ timeZone: 'UTC', allow: [{ days: ['Mon'], from: '9:00', to: '10:00' }] }, /changeWindows\.allow\.0\.from.*a time HH:MM/],
    [{ timeZone: 'UTC', allow: [{ days: ['Mon'], from: '24:00', to: '24:00' }] }, /changeWindows\.allow\.0\.from.*a time HH:MM, 00:00 to 23:59/],
    [{ timeZone: 'UTC', freezes: [{ from: '2026-02-30', to: '2026-03-01' }] }, /changeWindows\.freezes\.0\.from.*a date yyyy-MM-dd/],
    [{ timeZone: 'UTC', freezes: [{ from: '2027-01-03', to: '2026-12-28' }] }, /changeWindows\.freezes\.0\.to.*a freeze ends on or after the day it starts/],
    [{ timeZone: 'UTC', window: [] }, /changeWindows.*window/],
  ])('refuses %j', async (changeWindows, message) => {
    const bad = load({ changeWindows });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    await expect(bad).rejects.toThrow(message);
  });

  it('requireChange is a boolean', async () => {
    await expect(load({ requireChange: 'yes' })).rejects.toThrow(/requireChange/);
  });
});
