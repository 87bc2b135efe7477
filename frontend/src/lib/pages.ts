// Relay pagination in the portal: cursors are opaque, so the portal remembers the cursor that
// starts each page it has seen and moves one page at a time.

export interface PageCursors {
  /** `after` for page i (page 0 starts at the beginning). */
  starts: (string | null)[];
  page: number;
}

export const FIRST_PAGE: PageCursors = { starts: [null], page: 0 };

/** The next page, learning where it starts from the current page's end cursor. */
export function nextPage(state: PageCursors, endCursor: string | null | undefined): PageCursors {
  if (!endCursor) return state;
  const starts = state.starts.slice(0, state.page + 1);
  starts.push(endCursor);
  return { starts, page: state.page + 1 };
}

export function previousPage(state: PageCursors): PageCursors {
  return { starts: state.starts, page: Math.max(0, state.page - 1) };
}

export function after(state: PageCursors): string | null {
  return state.starts[state.page] ?? null;
}

/** "21-40 of 49" for the current page. */
export function rangeLabel(state: PageCursors, size: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return `0 of ${total}`;
  const first = state.page * size + 1;
  return `${first}-${first + shown - 1} of ${total}`;
}
