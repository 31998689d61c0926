-- The same allowed check (through a group) on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"tuple_key":{"object":"doc:seed-7","relation":"viewer","user":"user:u7"}}'
