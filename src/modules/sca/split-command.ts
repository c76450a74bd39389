/**
 * A `c:` rule's command as an argument list, split the way a POSIX shell splits words but with
 * nothing else a shell does: no variables, globs, pipes or redirections. Single quotes keep
 * everything, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, a backslash
 * outside quotes keeps the next character. A policy that needs a pipe says `sh -c "…"`
 * itself, in plain sight.
 */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && /["\\$`]/.test(command[index + 1] ?? '')) {
        word += command[index + 1] ?? '';
        index += 1;
      } else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (char === '\\' && index + 1 < command.length) {
      word += command[index + 1] ?? '';
      started = true;
      index += 1;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote} quote in command`);
  if (started) words.push(word);
  return words;
}
