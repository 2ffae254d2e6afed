// From argv to an exit code: find the command by its words, parse its flags strictly, connect, run it,
// and turn any failure into a message on stderr and one of the documented exit codes.
import { parseArgs } from 'node:util';
import { ApiError, createClient } from '../contract/client.ts';
import type { Command, Context, Io, Option, Values } from './command.ts';
import { commands } from './commands/index.ts';
import { resolveConnection } from './connection.ts';
import { describeError, ExitCode, exitCodeFor, usageError } from './exit-codes.ts';
import { commandHelp, groupHelp, rootHelp } from './help.ts';
import { globalOptions } from './options.ts';

export async function run(argv: string[], io: Io): Promise<ExitCode> {
  const print = (line: string) => void io.stdout.write(`${line}\n`);
  const note = (line: string) => void io.stderr.write(`${line}\n`);
  let json = false;
  try {
    // First pass: every flag of every command is known, so that a flag's value is never taken for a word.
    const loose = parseArgs({ args: argv, options: everyOption(), strict: false, allowPositionals: true });
    json = loose.values.json === true;
    const words = loose.positionals;
    const command = commands.find((c) => c.words.every((word, i) => words[i] === word));
    if (!command) return helpOrUnknown(words, loose.values.help === true, print, note);
    if (loose.values.help) {
      print(commandHelp(command));
      return ExitCode.ok;
    }
    const { values, args } = parseCommand(command, argv);
    const connection = resolveConnection(values, io);
    const client = createClient({
      baseUrl: connection.url,
      token: connection.token,
      fetch: connection.fetch,
    });
    const context: Context = { io, json, connection, client, print, note };
    return await command.run(context, values, args);
  } catch (error) {
    if (json && error instanceof ApiError) print(JSON.stringify(error.problem, null, 2));
    note(`rewind: ${describeError(error)}`);
    return exitCodeFor(error);
  }
}

function everyOption(): Record<string, Option> {
  return Object.assign({}, globalOptions, ...commands.map((command) => command.options));
}

function parseCommand(command: Command, argv: string[]): { values: Values; args: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, ...globalOptions },
      allowPositionals: true,
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /option '([^']+)'/.exec(message)?.[1] : null;
    const reason = unknown ? `Unknown flag ${unknown}.` : message.replace(/\.?$/, '.');
    throw usageError(`${reason} See 'rewind ${command.words.join(' ')} --help'.`);
  }
  const args = parsed.positionals.slice(command.words.length);
  const names = command.args ?? [];
  if (args.length < names.length)
    throw usageError(`Missing ${names[args.length]}. See 'rewind ${command.words.join(' ')} --help'.`);
  if (args.length > names.length && !command.rest)
    throw usageError(`Unexpected argument "${args[names.length]}".`);
  for (const [name, option] of Object.entries(command.options)) {
    if (option.required && typeof parsed.values[name] !== 'string') {
      throw usageError(
        `Missing --${name} ${option.value ?? ''}. See 'rewind ${command.words.join(' ')} --help'.`,
      );
    }
  }
  return { values: parsed.values as Values, args };
}

function helpOrUnknown(
  words: string[],
  help: boolean,
  print: (line: string) => void,
  note: (line: string) => void,
): ExitCode {
  const group = words.length === 1 && commands.some((command) => command.words[0] === words[0]);
  if (words.length === 0 || group) {
    const text = group ? groupHelp(words[0]!) : rootHelp();
    (help ? print : note)(text);
    return help ? ExitCode.ok : ExitCode.usage;
  }
  note(`rewind: unknown command "${words.join(' ')}". Run 'rewind --help' to see the commands.`);
  return ExitCode.usage;
}
