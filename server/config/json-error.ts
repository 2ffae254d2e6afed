// Says where and why a JSON text is invalid. JSON.parse's own messages are not usable as they are:
// some lack the position, and some quote a slice of the text, which in a config file may be a
// database URL with its password. This scanner is only run after JSON.parse has failed.

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

class Failure extends Error {
  offset: number;
  constructor(offset: number, reason: string) {
    super(reason);
    this.offset = offset;
  }
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const expectedValue = 'expected a value (a "string", number, object, array, true, false or null)';

function showChar(char: string): string {
  return char === "'" ? `"'"` : `'${char}'`;
}

function hintFor(char: string): string {
  if (char === '/' || char === '#') return '; comments are not allowed in JSON';
  if (char === "'") return '; strings need double quotes in JSON';
  return '';
}

class Scanner {
  text: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
  }

  fail(reason: string, offset = this.pos): never {
    throw new Failure(offset, reason);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  unexpected(expected: string): never {
    if (this.pos >= this.text.length) this.fail(`unexpected end of file; ${expected}`);
    const char = this.text[this.pos]!;
    this.fail(`unexpected character ${showChar(char)}; ${expected}${hintFor(char)}`);
  }

  value(): void {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.unexpected(expectedValue);
  }

  object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') this.fail('a trailing comma before "}" is not allowed in JSON');
      if (this.text[this.pos] !== '"') this.unexpected('expected a key in double quotes');
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.unexpected('expected ":" after the key');
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return;
      if (next !== ',') {
        this.pos--;
        this.unexpected('expected "," or "}" after a value (is a comma missing?)');
      }
    }
  }

  array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('a trailing comma before "]" is not allowed in JSON');
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return;
      if (next !== ',') {
        this.pos--;
        this.unexpected('expected "," or "]" after a value (is a comma missing?)');
      }
    }
  }

  string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('invalid \\u escape in a string; expected four hex digits');
          }
          this.pos += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          this.pos += 2;
        } else {
          this.fail('invalid escape in a string; a backslash must be written as \\\\');
        }
        continue;
      }
      if (char < ' ') this.fail('a line break or control character inside a string; expected a closing "');
      this.pos++;
    }
    this.fail('a string is never closed; expected a closing "', start);
  }

  number(): void {
    numberPattern.lastIndex = this.pos;
    if (!numberPattern.test(this.text)) this.unexpected(expectedValue);
    this.pos = numberPattern.lastIndex;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where `text` stops being valid JSON, or null when it is valid. Never quotes the text itself. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) scanner.fail('unexpected text after the end of the JSON document');
    return null;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ...lineAndColumn(text, error.offset), reason: error.message };
  }
}
