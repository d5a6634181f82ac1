// Parses every .tf file given on the command line with HashiCorp's HCL parser (npm @cdktf/hcl2json,
// compiled to wasm) and prints the JSON of each on stdout; exits 1 with file:line:col on a syntax error.
const fs = require('fs');
const path = require('path');
const modDir = process.env.RAILYARD_HCL2JSON_DIR;
const { parse } = require(path.join(modDir, 'node_modules', '@cdktf', 'hcl2json'));
(async () => {
  const out = {};
  for (const file of process.argv.slice(2)) {
    try {
      out[file] = await parse(path.basename(file), fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`${file}: ${e && e.message ? e.message : e}`);
      process.exit(1);
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
