// Compiles one Typst document N times in one process, as a batch would: each time with a
// different sys.inputs.mark, so no compilation reuses another's cached layout.
//   node typst-bench.mjs MODULE_DIR FONTS_DIR DOC.typ N OUT.pdf
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [moduleDir, fontsDir, docPath, count, outPath] = process.argv.slice(2);
const require = createRequire(join(moduleDir, "package.json"));
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontsDir] }] });
const source = readFileSync(docPath, "utf8");
let pdf = null;
for (let i = 0; i < Number(count); i++) {
  pdf = compiler.pdf({ mainFileContent: source, inputs: { mark: i === 0 ? "" : String(i) } });
}
if (pdf) writeFileSync(outPath, pdf);
