-- wrk script: every request writes one new tuple (unique per wrk thread and request), so
-- no write is refused as a duplicate. The path comes from the environment (BENCH_PATH).
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
end

local count = 0
request = function()
  count = count + 1
  local body = string.format(
    '{"writes":{"tuple_keys":[{"user":"user:w%d_%d","relation":"viewer","object":"document:bench"}]}}', thread_number, count)
  return wrk.format("POST", os.getenv("BENCH_PATH"), {["Content-Type"] = "application/json"}, body)
end
