-- Headless Neovim (0.7+) as a real LSP client of the hvscope language server.
-- Env: HVSCOPE_LSP_CMD (the server command, words separated by tabs), HVSCOPE_FILE (a VM config to
-- open), HVSCOPE_OUT (where to write what the client saw, as JSON), HVSCOPE_HOVER ("line,col", 0-based).
local out = {}
local cmd = vim.split(os.getenv("HVSCOPE_LSP_CMD"), "\t", { plain = true })
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("HVSCOPE_FILE")))
local buf = vim.api.nvim_get_current_buf()
local got_diagnostics = false

local id = vim.lsp.start_client({
  name = "hvscope",
  cmd = cmd,
  root_dir = vim.fn.getcwd(),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      out.diagnostics = result.diagnostics
      got_diagnostics = true
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(30000, function() return got_diagnostics end, 50)
local client = vim.lsp.get_client_by_id(id)
local uri = vim.uri_from_bufnr(buf)

local line, col = os.getenv("HVSCOPE_HOVER"):match("(%d+),(%d+)")
local hover = client.request_sync("textDocument/hover",
  { textDocument = { uri = uri }, position = { line = tonumber(line), character = tonumber(col) } }, 10000, buf)
out.hover = hover and hover.result and hover.result.contents.value or vim.NIL

local lenses = client.request_sync("textDocument/codeLens", { textDocument = { uri = uri } }, 10000, buf)
out.lenses = lenses and lenses.result or vim.NIL
if lenses and lenses.result and lenses.result[1] then
  local command = lenses.result[1].command
  -- the server answers after Neovim applied its workspace/applyEdit to the buffer
  local done = client.request_sync("workspace/executeCommand",
    { command = command.command, arguments = command.arguments }, 10000, buf)
  out.toggled = done and done.result or vim.NIL
end
out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

local f = io.open(os.getenv("HVSCOPE_OUT"), "w")
f:write(vim.fn.json_encode(out))
f:close()
client.stop()
vim.cmd("qa!")
