// What a command is: its words, its help, its flags, and what it runs.
import type { Readable, Writable } from 'node:stream';
import type { ParseArgsOptionDescriptor } from 'node:util';
import type { RewindClient } from '../contract/client.ts';
import type { ExitCode } from './exit-codes.ts';

export type TerminalWritable = Writable & { isTTY?: boolean; columns?: number };

/** The process's streams and surroundings, passed in so that tests can run commands without a process. */
export interface Io {
  stdout: TerminalWritable;
  stderr: TerminalWritable;
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => number;
}

export interface Connection {
  url: string;
  token: string;
  fetch: typeof fetch;
}

export interface Context {
  io: Io;
  json: boolean;
  connection: Connection;
  client: RewindClient;
  /** A line for people: results on stdout. */
  print: (line: string) => void;
  /** A line about what is happening: stderr, so that stdout stays clean for pipes. */
  note: (line: string) => void;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Option extends ParseArgsOptionDescriptor {
  /** The value's name in help, e.g. SITE; absent for a switch. */
  value?: string;
  help: string;
  required?: boolean;
}

export interface Command {
  /** The words that name it: ['backup', 'create']. */
  words: string[];
  summary: string;
  /** Positional arguments, in order, all required: ['SNAP']. */
  args?: string[];
  /** After them, any number of further arguments of this name, none required: 'SNAP'. */
  rest?: string;
  options: Record<string, Option>;
  /** More to say in its --help: what it does, examples. */
  details?: string;
  run: (context: Context, values: Values, args: string[]) => Promise<ExitCode>;
}
