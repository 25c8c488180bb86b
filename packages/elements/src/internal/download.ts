/**
 * Offers a file made in the page as a download (an exported list, an event's .ics): an object URL on a
 * detached anchor, revoked a little later. Nothing is added to the page.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
