-- Driven by test_neovim.py: open an article, wait for the diagnostic, jump to a definition,
-- and write what happened to RM_OUT as lines the test reads.
local out = {}
local function say(line) table.insert(out, line) end
local ok, err = pcall(function()
  vim.g.rechtmakers_cmd = vim.fn.json_decode(os.getenv("RM_CMD"))
  local plugin = dofile(os.getenv("RM_PLUGIN"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("RM_FILE")))
  plugin.attach()
  local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  say("diagnostics " .. tostring(got))
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
    say(string.format("diagnostic %s %d %d %d %s", code, d.lnum, d.col, d.end_col, d.message))
  end
  local line = tonumber(os.getenv("RM_LINE"))
  local col = tonumber(os.getenv("RM_COL"))
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local before = vim.api.nvim_buf_get_name(0)
  vim.lsp.buf.definition()
  vim.wait(30000, function() return vim.api.nvim_buf_get_name(0) ~= before end, 50)
  local cursor = vim.api.nvim_win_get_cursor(0)
  say("jumped " .. vim.api.nvim_buf_get_name(0) .. " " .. cursor[1] .. " " .. cursor[2])
end)
if not ok then say("error " .. tostring(err)) end
vim.fn.writefile(out, os.getenv("RM_OUT"))
vim.cmd("qa!")
