-- wrk script: pages of 50 suppliers with contacts, owner and dependencies both ways, at random
-- offsets into the register. TOKEN (a bearer token) and PAGES (how many pages to spread over)
-- come from the environment.
local token = os.getenv("TOKEN")
local pages = tonumber(os.getenv("PAGES") or "100")
local query = [[query($after: String) { suppliers(first: 50, after: $after) { totalCount
  pageInfo { hasNextPage endCursor }
  edges { node { id legalName country status owner { email } contacts { name email }
    dependsOn { provider { ... on Supplier { legalName } } }
    dependents { dependent { ... on Supplier { legalName } ... on Service { name criticality } } } } } } }]]

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
-- Unpadded URL-safe base64, as the API's cursors are.
local function base64(s)
  local out, bits, n = {}, 0, 0
  for i = 1, #s do
    bits = bits * 256 + s:byte(i); n = n + 8
    while n >= 6 do
      n = n - 6
      local v = math.floor(bits / 2 ^ n) % 64
      out[#out + 1] = alphabet:sub(v + 1, v + 1)
    end
  end
  if n > 0 then
    local v = (bits * 2 ^ (6 - n)) % 64
    out[#out + 1] = alphabet:sub(v + 1, v + 1)
  end
  return table.concat(out)
end

local function escape(s) return (s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' ')) end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  local page = math.random(0, pages - 1)
  local after = page == 0 and "null" or ('"' .. base64("cw:" .. (page * 50 - 1)) .. '"')
  local body = '{"query":"' .. escape(query) .. '","variables":{"after":' .. after .. '}}'
  return wrk.format(nil, nil, nil, body)
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 or body:find('"errors"') then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx_or_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors + summary.errors.status))
end
