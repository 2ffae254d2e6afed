/** What can take the focus back when a dialog closes: an element, or a way to find one at that moment. */
export type FocusTarget = () => HTMLElement | null | undefined;

const onPage = (element: HTMLElement | null | undefined): element is HTMLElement =>
  element?.isConnected === true && element !== element.ownerDocument.body;

/** The element that has the focus now, if any: as a dialog opens, the control that opened it. */
export function focusedOpener(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && onPage(active) ? active : null;
}

/**
 * Who opened the dialog whose content is `content`, as it opens: the control that has the focus, then its
 * Radix trigger (it points at the open content by `aria-controls`), for browsers where a click focuses
 * nothing (Safari).
 */
export function openersOf(content: EventTarget | null): HTMLElement[] {
  const id = content instanceof HTMLElement ? content.id : '';
  const trigger = id
    ? [...document.querySelectorAll<HTMLElement>('[aria-controls]')].find(
        (element) => element.getAttribute('aria-controls') === id,
      )
    : undefined;
  return [focusedOpener(), trigger].filter(onPage);
}

/**
 * Gives the focus back when a dialog closes, whether it was closed by Escape, Cancel, its close button or by
 * what it started. Radix only returns it to a `Dialog.Trigger`; a dialog opened by a route or by a row's
 * button has none, and the focus would drop to `<body>`. In order: `target` (the caller knows best), the
 * dialog's openers, the page's main region — the first that is still on the page. When another dialog has
 * taken over (the restore dialog once its restore point has loaded), the focus stays in it.
 */
export function returnFocus(event: Event, openers: HTMLElement[], target?: FocusTarget) {
  event.preventDefault();
  if (document.querySelector('[data-slot="dialog-content"]')) return;
  const candidates = [target?.(), ...openers, document.getElementById('main')];
  candidates.find(onPage)?.focus();
}
