import { describe, expect, it } from 'vitest';
import { paths, safeNextPath } from './paths';

describe('paths', () => {
  it('builds links to environments and restore points', () => {
    expect(paths.environment('acme-store', 'preview checkout')).toBe(
      '/sites/acme-store/environments/preview%20checkout',
    );
    expect(paths.restore('acme-store', 'production', 'snap_1')).toBe(
      '/sites/acme-store/environments/production/restore/snap_1',
    );
    expect(paths.login('/sites/a')).toBe('/login?next=%2Fsites%2Fa');
    expect(paths.login('/')).toBe('/login');
  });

  it('follows only paths of the dashboard after signing in', () => {
    expect(safeNextPath('/sites/a/environments/b?x=1')).toBe('/sites/a/environments/b?x=1');
    for (const unsafe of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login']) {
      expect(safeNextPath(unsafe)).toBe('/');
    }
  });
});
