// Where the luohu server is: the `luohu.path` setting (a path, or a command
// looked up on PATH), else a binary bundled in the extension's bin/, else
// `luohu` on PATH. Pure, so node can test it without VS Code.
const fs = require("fs");
const path = require("path");

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command, env, platform) {
  const names = platform === "win32" ? [command + ".exe", command] : [command];
  for (const dir of (env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

// -> { command } or { error: { zh, en } } saying what was tried.
function findServer(setting, extensionDir, env = process.env, platform = process.platform) {
  if (setting && setting !== "luohu") {
    const found = setting.includes("/") || setting.includes("\\") ? (executable(setting) ? setting : undefined)
                                                                   : onPath(setting, env, platform);
    if (found) return { command: found };
    return {
      error: {
        zh: `找不到 luohu.path 设置的程序“${setting}”（不存在或不可执行）。请改正该设置，或清空它以使用 PATH 上的 luohu。`,
        en: `The luohu.path setting names "${setting}", which does not exist or is not executable. Fix the setting, or clear it to use luohu on PATH.`,
      },
    };
  }
  const bundled = path.join(extensionDir, "bin", platform === "win32" ? "luohu.exe" : "luohu");
  if (executable(bundled)) return { command: bundled };
  const found = onPath("luohu", env, platform);
  if (found) return { command: found };
  return {
    error: {
      zh: "在 PATH 上找不到 luohu，扩展也未附带它。请安装 luohu（cmake --install 或 .deb 包），或在设置 luohu.path 中写明其路径。",
      en: "luohu was not found on PATH and the extension bundles none. Install luohu (cmake --install or the .deb), or set luohu.path to the binary.",
    },
  };
}

module.exports = { findServer };
