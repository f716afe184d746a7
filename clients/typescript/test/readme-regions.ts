// The README shows the examples' code verbatim: the check the tests of each example share.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// dist/test/ is two folders below the package.
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The README shows each region of examples/`example` verbatim, in order, in the code blocks after
 * the line that names the file.
 */
export function assertReadmeShows(example: string, regions: string[]): void {
  const source = readFileSync(`${packageRoot}examples/${example}`, "utf8").split("\n");
  const readme = readFileSync(`${packageRoot}../../README.md`, "utf8").split("\n");
  let close = readme.findIndex((line) => line.includes(`clients/typescript/examples/${example}`));
  assert.ok(close >= 0, "the README names the file its example comes from");

  for (const region of regions) {
    const start = source.findIndex((line) => line.trim() === `// #region ${region}`);
    const end = source.findIndex((line, i) => i > start && line.trim() === "// #endregion");
    const fence = readme.findIndex((line, i) => i > close && line === "```ts");
    close = readme.findIndex((line, i) => i > fence && line === "```");
    assert.equal(dedent(readme.slice(fence + 1, close)), dedent(source.slice(start + 1, end)), `region ${region}`);
  }
}

function dedent(lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => (l.trim() ? l.slice(indent).trimEnd() : "")).join("\n").replace(/^\n+|\n+$/g, "");
}
