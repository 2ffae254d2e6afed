import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { zoneNames } from '../time-zones';
import { TimeZonePicker } from './time-zone-picker';

function Picker({ initial = 'UTC', onChange }: { initial?: string; onChange?: (zone: string) => void }) {
  const [zone, setZone] = useState(initial);
  return (
    <TimeZonePicker
      id="zone"
      value={zone}
      onChange={(next) => {
        setZone(next);
        onChange?.(next);
      }}
    />
  );
}

/** The zones listed (the list is virtual: for a long one, those in view), and how many there are. */
const names = () =>
  screen.queryAllByRole('option').map((option) => option.firstChild?.firstChild?.textContent);
const listed = () => Number(screen.queryAllByRole('option')[0]?.getAttribute('aria-setsize') ?? 0);

async function search(text: string) {
  const input = screen.getByRole('combobox', { name: 'Time zone' });
  await userEvent.clear(input);
  if (text) await userEvent.type(input, text);
  return names();
}

describe('the time zone picker', () => {
  it('lists every zone the browser knows, under its current name, each with its offset now', async () => {
    const all = zoneNames();
    expect(all).toHaveLength(Intl.supportedValuesOf('timeZone').length + 1);
    expect(all).toEqual(
      expect.arrayContaining(['Europe/Kyiv', 'Asia/Kolkata', 'America/Nuuk', 'Asia/Yangon']),
    );
    for (const old of ['Europe/Kiev', 'Asia/Calcutta', 'America/Godthab', 'Asia/Rangoon']) {
      expect(all).not.toContain(old);
    }

    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await userEvent.click(screen.getByRole('button', { name: 'All time zones' }));
    expect(input).toHaveAttribute('aria-expanded', 'true');
    const first = screen.getAllByRole('option')[0]!;
    expect(first).toHaveTextContent(/^UTC/);
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveAttribute('aria-posinset', '1');
    expect(first).toHaveAttribute('aria-setsize', String(all.length));
    // Only the rows in view are in the page; the rest are counted for screen readers.
    expect(screen.getAllByRole('option').length).toBeLessThan(40);

    // India has no daylight-saving time, Nepal neither: their offsets are the same all year.
    await search('kolkata');
    expect(screen.getByRole('option', { name: /^Asia\/Kolkata/ })).toHaveTextContent('India Standard Time');
    expect(screen.getByRole('option', { name: /^Asia\/Kolkata/ })).toHaveTextContent('UTC+05:30');
    await search('kathmandu');
    expect(screen.getByRole('option', { name: /^Asia\/Kathmandu/ })).toHaveTextContent('UTC+05:45');
  });

  it('finds zones by city, old name, region, name in words or offset', async () => {
    render(<Picker />);
    expect(await search('kyiv')).toEqual(['Europe/Kyiv']);
    expect(await search('Kiev')).toEqual(['Europe/Kyiv']);
    expect(await search('calcutta')).toEqual(['Asia/Kolkata']);
    const india = await search('india');
    expect(india.indexOf('Asia/Kolkata')).toBeGreaterThanOrEqual(0);
    expect(india.indexOf('Asia/Kolkata')).toBeLessThan(india.indexOf('America/Indiana/Indianapolis'));
    expect((await search('new york'))[0]).toBe('America/New_York');
    expect((await search('new_york'))[0]).toBe('America/New_York');
    const europe = await search('europe/');
    // Zones of Europe first, then those that keep European time elsewhere (Africa/Ceuta).
    expect(listed()).toBeGreaterThan(zoneNames().filter((name) => name.startsWith('Europe/')).length);
    expect(europe.every((name) => name?.startsWith('Europe/'))).toBe(true);
    expect(await search('+05:30')).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Asia/Colombo']));
    expect(screen.getAllByRole('option').every((option) => option.textContent?.endsWith('UTC+05:30'))).toBe(
      true,
    );
    expect(await search('UTC+5:45')).toEqual(['Asia/Kathmandu']);
    expect(await search('+5')).toEqual(
      expect.arrayContaining(['Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Karachi']),
    );
    expect(screen.getByRole('status')).toHaveTextContent(/time zones match/);
    expect(await search('atlantis')).toEqual([]);
    expect(screen.getByText(/No time zone matches “atlantis”/)).toBeInTheDocument();
  });

  it('is used from the keyboard, and never loses the chosen zone', async () => {
    const onChange = vi.fn();
    render(<Picker initial="Europe/Paris" onChange={onChange} />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    expect(input).toHaveValue('Europe/Paris');
    expect(input).toHaveAccessibleDescription(/^UTC\+0[12]:00 now, Central European Time\.$/);

    await userEvent.tab();
    expect(input).toHaveFocus();
    await userEvent.keyboard('{Control>}a{/Control}kolk');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{ArrowDown}');
    const highlighted = input.getAttribute('aria-activedescendant');
    expect(highlighted && document.getElementById(highlighted)).toHaveTextContent(/^Asia\/Kolkata/);
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('Asia/Kolkata');
    expect(input).toHaveValue('Asia/Kolkata');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveAccessibleDescription('UTC+05:30 now, India Standard Time.');

    // A search left unfinished, or Escape, leaves the zone as it was.
    await userEvent.keyboard('{Control>}a{/Control}atlan');
    await userEvent.tab();
    expect(input).toHaveValue('Asia/Kolkata');
    await userEvent.click(input);
    await userEvent.keyboard('{Escape}{Escape}');
    expect(input).toHaveValue('Asia/Kolkata');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(within(document.body).queryByRole('option')).not.toBeInTheDocument();
  });
});
