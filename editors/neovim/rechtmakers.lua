-- rechtmakers lsp in Neovim (0.7 and later), without plugins. Put this file in
-- ~/.config/nvim/plugin/rechtmakers.lua, or :luafile it. yaml-language-server, when you use it,
-- keeps completing keys from the JSON Schema beside it.
local function agreement_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while dir ~= "/" and dir ~= "" do
    if vim.fn.filereadable(dir .. "/overeenkomst.yaml") == 1 then
      return dir
    end
    dir = vim.fn.fnamemodify(dir, ":h")
  end
  return nil
end

local clients = {}

local function attach(args)
  local buffer = args and args.buf or vim.api.nvim_get_current_buf()
  local root = agreement_root(vim.api.nvim_buf_get_name(buffer))
  if root == nil then
    return
  end
  local folder = vim.fn.fnamemodify(root, ":h")
  if clients[folder] == nil then
    clients[folder] = vim.lsp.start_client({
      name = "rechtmakers",
      cmd = vim.g.rechtmakers_cmd or { "rechtmakers", "lsp" },
      root_dir = folder,
    })
  end
  vim.lsp.buf_attach_client(buffer, clients[folder])
end

vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
  pattern = { "*.yaml" },
  callback = attach,
})

return { attach = attach }
