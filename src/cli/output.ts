import chalk from "chalk";
import Table from "cli-table3";
import ora, { type Ora } from "ora";

/** A phase shown as a spinner on a terminal and not at all elsewhere. */
export interface Phase {
  succeed(text?: string): void;
  fail(text?: string): void;
}

export interface OutputOptions {
  tty: boolean;
  json: boolean;
}

export type Cell = string | number | boolean | null | undefined;

/**
 * Everything the operator sees on stdout. With `--json` only the result
 * object is written; without a terminal there is no decoration.
 */
export class Output {
  constructor(
    readonly options: OutputOptions,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
  ) {}

  get decorated(): boolean {
    return this.options.tty && !this.options.json;
  }

  /** Starts a spinner on a terminal; a silent phase otherwise. */
  phase(text: string): Phase {
    if (!this.decorated) return { succeed: () => {}, fail: () => {} };
    const spinner: Ora = ora({ text, stream: process.stderr }).start();
    return {
      succeed: (done) => spinner.succeed(done ?? text),
      fail: (done) => spinner.fail(done ?? text),
    };
  }

  /** A summary table (plain aligned text without a terminal). */
  table(title: string, head: string[], rows: Cell[][]): void {
    if (this.options.json) return;
    const table = new Table({
      head: this.decorated ? head.map((h) => chalk.bold(h)) : head,
      style: this.decorated ? {} : { head: [], border: [] },
    });
    for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? "" : String(c))));
    const heading = this.decorated ? chalk.bold(title) : title;
    this.write(`${heading}\n${table.toString()}\n`);
  }

  /** One line of text for the operator. */
  line(text: string): void {
    if (!this.options.json) this.write(`${text}\n`);
  }

  /** Green, yellow or red on a terminal. */
  tone(text: string, kind: "good" | "warn" | "bad"): string {
    if (!this.decorated) return text;
    return kind === "good" ? chalk.green(text) : kind === "warn" ? chalk.yellow(text) : chalk.red(text);
  }

  /** The `--json` result object: the only thing written to stdout then. */
  result(value: unknown): void {
    if (this.options.json) this.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  private write(text: string): void {
    this.stdout.write(text);
  }
}
