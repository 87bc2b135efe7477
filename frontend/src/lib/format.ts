/** An API enum value in words: `IN_PROGRESS` or `in_progress` -> "in progress". */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
