/** The value of the `count` ASCII digits at `at`, or -1 when any of them is missing or not a digit. */
export function readDigits(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The length of the run of ASCII digits at `at`, looking at no more than `max` characters. */
export function countDigits(text: string, at: number, max: number): number {
  let count = 0;
  while (count < max && at + count < text.length) {
    const digit = text.charCodeAt(at + count) - 48;
    if (digit < 0 || digit > 9) break;
    count++;
  }
  return count;
}
