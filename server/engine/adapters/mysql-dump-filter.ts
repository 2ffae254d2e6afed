// What passes from a stored mysqldump into the staged schema, line by line in constant memory (a dump line
// can be a multi-megabyte INSERT, so only lines that may be a trigger's header are ever held whole).
//  - A trigger written with its schema (`CREATE TRIGGER shop.audit … ON shop.orders`) is dumped as written,
//    and loading it as is would create it in that schema, which may be the live one. The header loses its
//    schema, so the trigger lands in the staged schema with its table.
//  - CREATE TABLE and CREATE SEQUENCE statements are counted, to check the staged schema against the dump.
import { Transform } from 'node:stream';

const TRIGGER_LINE = '/*!50003 CREATE*/';
const IDENT = '(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)';
const triggerHeader = new RegExp(
  `(\\bTRIGGER\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)(?:${IDENT}\\s*\\.\\s*)?` +
    `(${IDENT}\\s+(?:BEFORE|AFTER)\\s+(?:INSERT|UPDATE|DELETE)\\s+ON\\s+)(?:${IDENT}\\s*\\.\\s*)?`,
  'i',
);
const creates = /^CREATE (?:TABLE|SEQUENCE) `/;

/** `TRIGGER shop.audit AFTER INSERT ON shop.orders` → `TRIGGER audit AFTER INSERT ON orders`. */
export function unqualifyTrigger(line: string): string {
  return line.replace(triggerHeader, '$1$2');
}

export interface DumpFilter extends Transform {
  /** Tables and sequences the dump created so far. */
  tables(): number;
}

export function mysqlDumpFilter(): DumpFilter {
  // The start of each line is held until it shows whether the line can matter; most lines then stream on.
  const probe = Math.max(TRIGGER_LINE.length, 'CREATE SEQUENCE `'.length);
  let head = '';
  let mode: 'deciding' | 'holding' | 'passing' = 'deciding';
  let tables = 0;

  const decide = (out: string[]) => {
    if (creates.test(head)) tables++;
    if (head.startsWith(TRIGGER_LINE)) mode = 'holding';
    else {
      mode = 'passing';
      out.push(head);
      head = '';
    }
  };

  const filter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out: string[] = [];
      let text = chunk.toString('latin1'); // byte for byte: a dump is bytes, whatever its character set
      while (text.length > 0) {
        const newline = text.indexOf('\n');
        const ends = newline !== -1;
        const piece = ends ? text.slice(0, newline + 1) : text;
        text = ends ? text.slice(newline + 1) : '';
        if (mode === 'passing') out.push(piece);
        else {
          head += piece;
          if (mode === 'deciding' && (ends || head.length >= probe)) decide(out);
        }
        if (ends) {
          if (mode === 'holding') out.push(unqualifyTrigger(head));
          head = '';
          mode = 'deciding';
        }
      }
      done(null, Buffer.from(out.join(''), 'latin1'));
    },
    flush(done) {
      if (mode === 'deciding' && creates.test(head)) tables++;
      done(null, Buffer.from(mode === 'holding' ? unqualifyTrigger(head) : head, 'latin1'));
    },
  }) as DumpFilter;
  filter.tables = () => tables;
  return filter;
}
