import { ARCHIVE_FORMATS, type ArchiveFormat } from '@contract/archive-formats';
import type { Selector, Snapshot } from '@contract/schemas';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { ChevronDownIcon, DownloadIcon } from '@/components/ui/icons';
import { api } from '@/lib/api-client';
import { formatBytes } from '@/lib/format';

const FORMAT_HINTS: Record<ArchiveFormat, string> = {
  'tar.gz': 'opens anywhere',
  'tar.zst': 'smaller, faster',
};

/**
 * Downloads are plain links: the browser follows them with the session cookie and its download manager
 * streams the archive to disk (it is never built in the page's memory). Choosing a format keeps the menu open
 * (it only changes the links), so a keyboard user moves on to the part to download.
 */
export function DownloadMenu({ site, snapshot, name }: { site: string; snapshot: Snapshot; name: string }) {
  const choices: Array<{ label: string; selectors: Selector[]; size: number }> = [
    { label: 'Whole archive', selectors: ['db', 'files'], size: snapshot.size_bytes },
    { label: 'Database only', selectors: ['db'], size: snapshot.parts.db.size_bytes },
    { label: 'Files only', selectors: ['files'], size: snapshot.parts.files.size_bytes },
  ];
  const [format, setFormat] = useState<ArchiveFormat>('tar.gz');
  const ready = snapshot.status === 'ready';
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its links stay focusable
    // (axe aria-hidden-focus); a plain menu button still closes on Escape, Tab and outside clicks.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild disabled={!ready}>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Download ${name}`}
          title={ready ? undefined : 'Not ready'}
        >
          <DownloadIcon />
          <ChevronDownIcon className="-ml-1 size-3!" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel id={`${snapshot.id}-format`}>Format</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          aria-labelledby={`${snapshot.id}-format`}
          value={format}
          onValueChange={(value) => setFormat(value as ArchiveFormat)}
        >
          {ARCHIVE_FORMATS.map((choice) => (
            <DropdownMenuRadioItem key={choice} value={choice} onSelect={(event) => event.preventDefault()}>
              <span className="flex-1">
                .{choice}
                <span className="sr-only">,</span>
              </span>{' '}
              <span className="text-xs text-ink-muted">{FORMAT_HINTS[choice]}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Download</DropdownMenuLabel>
        {choices.map((choice) => (
          <DropdownMenuItem key={choice.label} asChild>
            <a href={api.downloadUrl(site, snapshot.id, choice.selectors, format)} download>
              <DownloadIcon />
              <span className="flex-1">
                {choice.label} <span className="sr-only">as .{format},</span>
              </span>{' '}
              <span className="text-xs text-ink-muted tabular-nums">{formatBytes(choice.size)}</span>
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
