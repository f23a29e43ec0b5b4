declare module 'virtual:web-fixtures' {
  /** Every test/fixtures .md file with its .expected summary, read at build time. */
  export const FIXTURES: ReadonlyArray<{ name: string; text: string; expected: string }>;
  /** The number of bundled questions, counted from the JSON files at build time. */
  export const BANK_QUESTION_COUNT: number;
}
