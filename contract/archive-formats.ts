// The formats a snapshot's archive downloads in. No schema library here: the dashboard imports it as it is.

/** `tar.gz` unless asked: every system opens it. `tar.zst` is smaller and faster to make and to open. */
export const ARCHIVE_FORMATS = ['tar.gz', 'tar.zst'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

export const ARCHIVE_MEDIA_TYPES: Record<ArchiveFormat, string> = {
  'tar.gz': 'application/gzip',
  'tar.zst': 'application/zstd',
};
