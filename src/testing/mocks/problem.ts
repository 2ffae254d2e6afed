import { HttpResponse } from 'msw';

/** An application/problem+json answer, as the server gives. */
export function problem(status: number, code: string, title: string, detail: string, field?: string) {
  return HttpResponse.json(
    { type: `https://rewind.dev/problems/${code}`, title, status, detail, code, ...(field ? { field } : {}) },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}
