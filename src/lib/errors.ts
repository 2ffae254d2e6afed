import { ApiError } from '@contract/client';
import { isGatewayStatus } from './connection';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** No answer from Rewind: the request never got one (fetch's TypeError), or a gateway answered instead. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError || (isApiError(error) && isGatewayStatus(error.status));
}

export function hasStatus(error: unknown, status: number): boolean {
  return isApiError(error) && error.status === status;
}

/** What to tell people about a failure: the problem's title and detail, or a plain fallback. */
export function describeError(error: unknown): { title: string; detail: string } {
  if (isApiError(error)) return { title: error.problem.title, detail: error.problem.detail };
  if (error instanceof TypeError) {
    return { title: 'Cannot reach Rewind', detail: 'Check your connection and that the server is running.' };
  }
  return {
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : 'An unexpected error occurred.',
  };
}
