// node test/server-path.test.js: the server lookup of server-path.js (ctest: editor.vscode_server_path).
const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { findServer } = require("../server-path");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "luohu-ext-"));
const bin = path.join(tmp, "bin-on-path");
fs.mkdirSync(bin);
const onPath = path.join(bin, "luohu");
fs.writeFileSync(onPath, "#!/bin/sh\n", { mode: 0o755 });
const noExt = path.join(tmp, "ext");
fs.mkdirSync(noExt);

// Found on PATH when nothing is set.
assert.deepStrictEqual(findServer("", noExt, { PATH: bin }, "linux"), { command: onPath });
assert.deepStrictEqual(findServer("luohu", noExt, { PATH: "/nonexistent" + path.delimiter + bin }, "linux"), { command: onPath });
// Not found: a clear bilingual message, no command.
const missing = findServer("", noExt, { PATH: "/nonexistent" }, "linux");
assert.strictEqual(missing.command, undefined);
assert.match(missing.error.en, /not found on PATH/);
assert.match(missing.error.zh, /找不到 luohu/);
// A setting naming a missing file says which.
const bad = findServer("/no/such/luohu", noExt, { PATH: bin }, "linux");
assert.match(bad.error.en, /"\/no\/such\/luohu"/);
// A non-executable file is not taken.
const plain = path.join(tmp, "plain");
fs.writeFileSync(plain, "", { mode: 0o644 });
assert.ok(findServer(plain, noExt, { PATH: bin }, "linux").error);
// A bundled binary wins over PATH.
fs.mkdirSync(path.join(noExt, "bin"));
const bundled = path.join(noExt, "bin", "luohu");
fs.writeFileSync(bundled, "#!/bin/sh\n", { mode: 0o755 });
assert.deepStrictEqual(findServer("", noExt, { PATH: bin }, "linux"), { command: bundled });
fs.rmSync(tmp, { recursive: true });
console.log("PASS: server-path");
