import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '@/testing/mocks/db';
import { renderRoutes } from '@/testing/render';
import { routes } from './router';

describe('dashboard shell', () => {
  it('shows the product name, the sites sidebar and the overview', async () => {
    seedDemo();
    renderRoutes(routes, '/');
    expect(await screen.findByRole('link', { name: 'Rewind' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Sites and environments' });
    expect(await within(nav).findByRole('link', { name: 'production (production)' })).toHaveAttribute(
      'href',
      '/sites/acme-store/environments/production',
    );
    expect(within(nav).getByRole('link', { name: 'staging' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Overview' })).toBeInTheDocument();
  });

  it('answers an unknown path with a not-found page that leads back', async () => {
    renderRoutes(routes, '/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Back to the overview' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
  });

  it('switches to the dark theme when chosen and remembers it', async () => {
    renderRoutes(routes, '/');
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Theme' }), 'Dark');
    expect(document.documentElement).toHaveClass('dark');
    expect(localStorage.getItem('rewind.theme')).toBe('dark');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'Light');
    expect(document.documentElement).not.toHaveClass('dark');
  });
});
