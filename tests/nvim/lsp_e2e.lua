-- End-to-end in a real editor: Neovim 0.7's built-in client attached to
-- `luohu lsp` opens a violation example; the diagnostic is read back from the
-- editor (vim.diagnostic.get), then hover and a quick fix are exercised.
-- Run: LUOHU_BINARY=build/luohu LUOHU_SOURCE_DIR=. nvim --headless --clean -u NONE -c "luafile tests/nvim/lsp_e2e.lua"
local binary = assert(os.getenv("LUOHU_BINARY"), "LUOHU_BINARY is not set")
local root = assert(os.getenv("LUOHU_SOURCE_DIR"), "LUOHU_SOURCE_DIR is not set")

local function finish(ok, message)
  io.stdout:write((ok and "PASS: " or "FAIL: ") .. message .. "\n")
  vim.cmd(ok and "qall!" or "cquit! 1")
end

local function check(condition, message)
  if not condition then finish(false, message) error(message) end
end

local ok, err = pcall(function()
  -- A copy, so the quick fix below can be applied without touching the example.
  local example = root .. "/examples/violations/T9-qujing-insurance-4y.luohu"
  local file = vim.fn.tempname() .. "-曲靖.luohu"
  vim.fn.writefile(vim.fn.readfile(example, "b"), file, "b")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()

  local client_id = vim.lsp.start_client({
    name = "luohu",
    cmd = { binary, "--lang", "en", "lsp" },
    root_dir = root,
  })
  check(client_id ~= nil, "could not start luohu lsp")
  check(vim.lsp.buf_attach_client(buf, client_id), "could not attach the client")

  local function t9()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == "T9-SOCIAL-INSURANCE-MEDIUM" then return d end
    end
  end
  check(vim.wait(20000, function() return t9() ~= nil end, 50), "no T9 diagnostic within 20 s")
  local d = t9()
  -- Line 24 "    社会保险 >= 48 个月;": Neovim converts LSP's UTF-16 range to bytes.
  check(d.lnum == 23, "diagnostic line " .. d.lnum .. ", expected 23 (0-based)")
  check(d.col == 4, "diagnostic column " .. d.col .. ", expected 4")
  check(d.end_col == 30, "diagnostic end column " .. d.end_col .. ", expected 30 (bytes)")
  check(d.severity == vim.diagnostic.severity.ERROR, "severity " .. tostring(d.severity))
  check(d.message:find("Qujing", 1, true) ~= nil, "message: " .. d.message)

  -- Hover on the clause: the rule and the quoted task.
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 23, character = 6 },
  }, 10000)
  check(hover and hover[client_id] and hover[client_id].result, "no hover result")
  local text = hover[client_id].result.contents.value
  check(text:find("T9-SOCIAL-INSURANCE-MEDIUM", 1, true) ~= nil, "hover lacks the rule id: " .. text)
  check(text:find("中等城市不得超过3年", 1, true) ~= nil, "hover lacks the quoted task: " .. text)

  -- The preferred quick fix, applied by the editor, clears the diagnostic.
  local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 23, character = 6 }, ["end"] = { line = 23, character = 6 } },
    context = { diagnostics = {} },
  }, 20000)
  check(actions and actions[client_id] and actions[client_id].result, "no code actions")
  local fix
  for _, a in ipairs(actions[client_id].result) do
    if a.isPreferred and a.diagnostics[1].code == "T9-SOCIAL-INSURANCE-MEDIUM" then fix = a end
  end
  check(fix ~= nil, "no preferred quick fix for T9")
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  local line = vim.api.nvim_buf_get_lines(buf, 23, 24, false)[1]
  check(line:find(">= 36 个月", 1, true) ~= nil, "quick fix not applied: " .. line)
  check(vim.wait(20000, function() return t9() == nil end, 50), "T9 diagnostic still there after the fix")

  vim.lsp.stop_client(client_id)
  os.remove(file)
end)
if ok then finish(true, "luohu lsp in Neovim " .. tostring(vim.version().minor)) else finish(false, tostring(err)) end
