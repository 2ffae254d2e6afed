import type { DatabaseSync } from 'node:sqlite';
import { newId } from '../../ids.ts';
import type { EnvironmentRow, ServiceRow, SiteDefinition, SiteRow, SitesCatalog } from '../catalog.ts';
import { transaction, type Row } from './database.ts';

export function sitesCatalog(db: DatabaseSync, now: () => Date): SitesCatalog {
  const servicesOf = db.prepare(
    'SELECT name, type, selector, path, url FROM services WHERE environment_id = ? ORDER BY position',
  );
  const toEnvironment = (row: Row): EnvironmentRow => ({
    id: row.id as string,
    site_id: row.site_id as string,
    name: row.name as string,
    type: row.type as EnvironmentRow['type'],
    created_at: row.created_at as string,
    services: servicesOf.all(row.id as string) as unknown as ServiceRow[],
  });
  const envColumns = 'id, site_id, name, type, created_at';

  function syncSite(site: SiteDefinition, createdAt: string): void {
    let siteRow = db.prepare('SELECT id FROM sites WHERE slug = ?').get(site.slug) as
      { id: string } | undefined;
    if (siteRow) db.prepare('UPDATE sites SET name = ?, active = 1 WHERE id = ?').run(site.name, siteRow.id);
    else {
      siteRow = { id: newId('site') };
      db.prepare('INSERT INTO sites (id, slug, name, created_at) VALUES (?, ?, ?, ?)').run(
        siteRow.id,
        site.slug,
        site.name,
        createdAt,
      );
    }
    db.prepare('UPDATE environments SET active = 0 WHERE site_id = ?').run(siteRow.id);
    site.environments.forEach((env, position) => {
      let envRow = db
        .prepare('SELECT id FROM environments WHERE site_id = ? AND name = ?')
        .get(siteRow.id, env.name) as { id: string } | undefined;
      if (envRow) {
        db.prepare('UPDATE environments SET type = ?, position = ?, active = 1 WHERE id = ?').run(
          env.type,
          position,
          envRow.id,
        );
      } else {
        envRow = { id: newId('env') };
        db.prepare(
          'INSERT INTO environments (id, site_id, name, type, position, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(envRow.id, siteRow.id, env.name, env.type, position, createdAt);
      }
      db.prepare('DELETE FROM services WHERE environment_id = ?').run(envRow.id);
      env.services.forEach((service, index) => {
        db.prepare(
          'INSERT INTO services (environment_id, name, type, selector, path, url, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(envRow.id, service.name, service.type, service.selector, service.path, service.url, index);
      });
    });
  }

  return {
    async syncSites(sites) {
      transaction(db, () => {
        db.exec('UPDATE sites SET active = 0');
        const createdAt = now().toISOString();
        for (const site of sites) syncSite(site, createdAt);
      });
    },
    async listSites() {
      return db
        .prepare('SELECT id, slug, name, created_at FROM sites WHERE active = 1 ORDER BY slug')
        .all() as unknown as SiteRow[];
    },
    async findSite(idOrSlug) {
      const row = db
        .prepare('SELECT id, slug, name, created_at FROM sites WHERE active = 1 AND (id = ? OR slug = ?)')
        .get(idOrSlug, idOrSlug);
      return (row as unknown as SiteRow | undefined) ?? null;
    },
    async listEnvironments(siteId) {
      const rows = db
        .prepare(
          `SELECT ${envColumns} FROM environments WHERE site_id = ? AND active = 1 ORDER BY position, name`,
        )
        .all(siteId);
      return rows.map(toEnvironment);
    },
    async findEnvironment(siteId, idOrName) {
      const row = db
        .prepare(
          `SELECT ${envColumns} FROM environments WHERE site_id = ? AND active = 1 AND (id = ? OR name = ?)`,
        )
        .get(siteId, idOrName, idOrName);
      return row ? toEnvironment(row) : null;
    },
    async getEnvironment(id) {
      const row = db.prepare(`SELECT ${envColumns} FROM environments WHERE id = ?`).get(id);
      return row ? toEnvironment(row) : null;
    },
  };
}
