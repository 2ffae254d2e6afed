// Connection URLs carry passwords; anything the config loader echoes back to the user passes through here.

// The password runs to the last `@` of the authority, so a password with a raw `@` is masked whole too.
const credentialsInUrl = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#]*@/gi;

/** `postgres://app:secret@db/shop` → `postgres://app:***@db/shop`, anywhere inside `text`. */
export function redactCredentials(text: string): string {
  return text.replace(credentialsInUrl, '$1***@');
}
