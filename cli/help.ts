// The text of `--help`: for the whole CLI, for a group of commands (`rewind backup`), and for one command.
import type { Command, Option } from './command.ts';
import { commands } from './commands/index.ts';
import { exitCodeHelp } from './exit-codes.ts';
import { globalOptions } from './options.ts';

export function usageLine(command: Command): string {
  const flags = Object.entries(command.options).map(([name, option]) => {
    const flag = `--${name}${option.value ? ` ${option.value}` : ''}`;
    return option.required ? flag : `[${flag}]`;
  });
  const rest = command.rest ? [`[${command.rest}…]`] : [];
  return ['rewind', ...command.words, ...(command.args ?? []), ...rest, ...flags].join(' ');
}

function optionLines(options: Record<string, Option>): string[] {
  const rows = Object.entries(options).map(([name, option]) => {
    const short = option.short ? `-${option.short}, ` : '    ';
    return [`  ${short}--${name}${option.value ? ` ${option.value}` : ''}`, option.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `${flag.padEnd(width)}  ${help}`);
}

function commandList(list: Command[]): string[] {
  const names = list.map((command) => {
    const rest = command.rest ? [`[${command.rest}…]`] : [];
    return `rewind ${[...command.words, ...(command.args ?? []), ...rest].join(' ')}`;
  });
  const width = Math.max(...names.map((name) => name.length));
  return list.map((command, i) => `  ${names[i]!.padEnd(width)}  ${command.summary}`);
}

export function rootHelp(): string {
  return [
    'rewind: snapshots and backups of your environments, from a terminal.',
    '',
    'Usage: rewind <command> [flags]',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    'Flags for every command:',
    ...optionLines(globalOptions),
    '',
    'Connection: REWIND_URL (default http://127.0.0.1:8080) and REWIND_TOKEN, or --url and --token.',
    "Run 'rewind <command> --help' for a command's flags and examples.",
    '',
    exitCodeHelp,
  ].join('\n');
}

export function groupHelp(word: string): string {
  const list = commands.filter((command) => command.words[0] === word);
  return [
    'Commands:',
    ...commandList(list),
    '',
    "Run 'rewind --help' for the flags every command takes.",
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `${command.summary}.`,
    '',
    `Usage: ${usageLine(command)}`,
    '',
    'Flags:',
    ...optionLines({ ...command.options, ...globalOptions }),
    ...(command.details ? ['', command.details] : []),
    '',
    exitCodeHelp,
  ].join('\n');
}
