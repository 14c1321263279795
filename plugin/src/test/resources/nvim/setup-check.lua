-- Loads the shipped ide/neovim/hvscope.lua as a user would, opens a *.vm.toml and writes what
-- vim.diagnostic holds for it once the server has answered. Env as lsp-check.lua, plus HVSCOPE_IDE.
package.path = os.getenv("HVSCOPE_IDE") .. "/neovim/?.lua;" .. package.path
require("hvscope").setup({ cmd = vim.split(os.getenv("HVSCOPE_LSP_CMD"), "\t", { plain = true }) })
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("HVSCOPE_FILE")))
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local out = { filetype = vim.bo[buf].filetype, diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, message = d.message })
end
local f = io.open(os.getenv("HVSCOPE_OUT"), "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
