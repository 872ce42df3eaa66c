/** A full page load: the server renders the banner and menus anew for who the session now acts for. */
export function loadPage(path: string): void {
  window.location.assign(new URL(path, window.location.origin));
}
