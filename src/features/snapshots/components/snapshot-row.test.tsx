import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEnvironment, buildSite, buildSnapshot } from '@/testing/mocks/fixtures';
import { renderWithProviders } from '@/testing/render';
import { SnapshotRow, type RowLayout } from './snapshot-row';

const env = buildEnvironment(buildSite());

describe('snapshot row', () => {
  it.each<RowLayout>(['wide', 'narrow'])(
    'shows a pending snapshot as being taken, not as 0 bytes (%s)',
    (layout) => {
      const pending = buildSnapshot(env, {
        status: 'pending',
        completed_at: null,
        size_bytes: 0,
        parts: {
          db: { size_bytes: 0, services: ['db'] },
          files: { size_bytes: 0, file_count: 0, services: ['uploads'] },
        },
      });
      const { container: row } = renderWithProviders(
        <SnapshotRow
          site="acme-store"
          env="production"
          snapshot={pending}
          now={Date.now()}
          layout={layout}
          onDelete={() => {}}
          onEditLabel={() => {}}
        />,
      );
      expect(row).toHaveTextContent('Being taken…');
      expect(row).toHaveTextContent('In progress');
      expect(row).not.toHaveTextContent('0 bytes');
      expect(row).not.toHaveTextContent('0 files');
      const bar = within(row).getByRole('progressbar', { name: /^Taking the snapshot from / });
      expect(bar).not.toHaveAttribute('aria-valuenow');
      expect(bar).toHaveAttribute('data-state', 'indeterminate');
      expect(bar).toHaveAttribute('aria-valuetext', 'Being taken: its size is known once it is ready');
    },
  );

  it('shows a ready snapshot’s sizes', () => {
    renderWithProviders(
      <SnapshotRow
        site="acme-store"
        env="production"
        snapshot={buildSnapshot(env)}
        now={Date.now()}
        layout="wide"
        onDelete={() => {}}
        onEditLabel={() => {}}
      />,
    );
    expect(screen.getByText(/^60\.6 MB/)).toHaveTextContent(
      '60.6 MB (database 12.4 MB · files 48.2 MB, 1,204 files)',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
