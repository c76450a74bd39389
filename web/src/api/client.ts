import { ApiError } from './ApiError.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let csrfToken: string | undefined;
let onSessionLost: () => void = () => {};

/** The session's CSRF token, echoed on every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can show the login page. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw ApiError.network();
  }

  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;

  const error = await ApiError.fromResponse(res);
  // A wrong password is also a 401, but it must not sign the user out.
  if (error.status === 401 && error.code !== 'invalid_credentials') onSessionLost();
  throw error;
}
