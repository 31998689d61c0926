-- One new tuple per request (unique per thread and request), for write throughput.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"writes":{"tuple_keys":[{"object":"doc:t%d-%d","relation":"viewer","user":"user:u%d"}]}}', tid, n, n % 1000)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
