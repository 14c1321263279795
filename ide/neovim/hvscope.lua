-- hvscope language server for Neovim 0.7+ (VM configs: vm.toml, *.vm.toml).
--
--   require("hvscope").setup()                                   -- hvscope on PATH (or $HVSCOPE)
--   require("hvscope").setup({ cmd = { "/path/to/hvscope/hvscope", "lsp" } })
--
-- Gives diagnostics, hover (K: the G-stage mappings of a region/device), completion (<C-x><C-o>),
-- document symbols, and the pflash code lens: run it with :lua vim.lsp.codelens.run() on the
-- [devices.pflash] line.
local M = {}

local function start(buf, cmd)
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":p:h")
  if vim.lsp.start then -- 0.8+: reuses a running client with the same name and root
    vim.lsp.start({ name = "hvscope", cmd = cmd, root_dir = root }, { bufnr = buf })
    return
  end
  M.client_id = M.client_id or vim.lsp.start_client({ name = "hvscope", cmd = cmd, root_dir = root })
  vim.lsp.buf_attach_client(buf, M.client_id)
end

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { os.getenv("HVSCOPE") or "hvscope", "lsp" }
  vim.filetype.add({
    filename = { ["vm.toml"] = "hvscope-vm" },
    pattern = { [".*%.vm%.toml"] = "hvscope-vm" },
  })
  local group = vim.api.nvim_create_augroup("hvscope", { clear = true })
  -- 0.7 detects filetypes with filetype.vim, which calls these files "toml": override after it
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = { "vm.toml", "*.vm.toml" },
    callback = function(args)
      vim.bo[args.buf].filetype = "hvscope-vm"
    end,
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "hvscope-vm",
    callback = function(args)
      vim.bo[args.buf].syntax = "toml"
      vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
      start(args.buf, cmd)
    end,
  })
  vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "TextChanged" }, {
    group = group,
    pattern = { "vm.toml", "*.vm.toml" },
    callback = function()
      pcall(vim.lsp.codelens.refresh)
    end,
  })
end

return M
