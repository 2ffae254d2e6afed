// Streaming a snapshot's archive outside the browser (the CLI, scripts): the body is handed over as it
// arrives, never buffered. Pair it with the client's downloadUrl(); a refusal throws the same ApiError.
import { ApiError, readProblem } from './client.ts';

export interface ArchiveDownload {
  /** From Content-Disposition, e.g. `acme-store-production-snap_….tar.zst`; null when the server sent none. */
  fileName: string | null;
  /** From Content-Length; null while the archive is built as it streams (the usual case). */
  sizeBytes: number | null;
  body: ReadableStream<Uint8Array>;
}

export interface DownloadOptions {
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export async function openArchiveDownload(
  url: string,
  options: DownloadOptions = {},
): Promise<ArchiveDownload> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const headers: Record<string, string> = {
    accept: 'application/gzip, application/zstd, application/problem+json',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await doFetch(url, { headers, signal: options.signal });
  if (!response.ok || !response.body) throw new ApiError(await readProblem(response));
  const length = Number(response.headers.get('content-length'));
  return {
    fileName: fileNameOf(response.headers.get('content-disposition')),
    sizeBytes: Number.isFinite(length) && length > 0 ? length : null,
    body: response.body,
  };
}

/** `attachment; filename="a.tar.gz"` or `filename*=UTF-8''a.tar.gz` → `a.tar.gz`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // malformed: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  return plain?.[1] ?? plain?.[2] ?? null;
}
