-- SPDX-License-Identifier: EUPL-1.2
-- wrk script: POST /api/v1/desk-bookings where every request is a distinct
-- (resident, desk, date, half), so that nearly all of them should answer 201.
--
-- Configuration: the file named by $BOOK_CFG (written by bench.py), one item a line:
--   "date 2026-03-03", "desk 17", "token <64 hex>" (one token per resident).
-- Script argument (after --): the number of wrk threads.
--
-- Thread i of n owns the i-th slice of the desks and the i-th slice of the residents.
-- Its k-th request books desk slice[j] for resident slice[j], j = k mod m, on slot
-- k div m (date-major, am then pm): no two requests share a desk slot or a resident slot.
-- After the last slot it wraps around (those requests would then fail, and be counted).

local dates, desks, tokens = {}, {}, {}
for line in io.lines(os.getenv("BOOK_CFG")) do
  local key, value = line:match("^(%a+) (%S+)$")
  if key == "date" then dates[#dates + 1] = value
  elseif key == "desk" then desks[#desks + 1] = value
  elseif key == "token" then tokens[#tokens + 1] = value end
end

-- main state: one entry per thread, to collect the counters in done()
local threads = {}
function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

my_desks, my_tokens, m, k = {}, {}, 0, 0  -- globals: done() reads m and k
local function slice(list, i, n)
  local out = {}
  for p = math.floor(i * #list / n) + 1, math.floor((i + 1) * #list / n) do out[#out + 1] = list[p] end
  return out
end

function init(args)
  local n = tonumber(args[1]) or 1
  my_desks, my_tokens = slice(desks, index, n), slice(tokens, index, n)
  m = math.min(#my_desks, #my_tokens)
  bad, statuses, first_error = 0, {}, ""
end

function request()
  local j, slot = k % m, math.floor(k / m) % (2 * #dates)
  k = k + 1
  local body = string.format('{"desk_id":%s,"date":"%s","period":"%s"}',
    my_desks[j + 1], dates[math.floor(slot / 2) + 1], slot % 2 == 0 and "am" or "pm")
  return wrk.format("POST", "/api/v1/desk-bookings",
    { ["Authorization"] = "Bearer " .. my_tokens[j + 1], ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
    if first_error == "" then first_error = status .. " " .. body end
  end
end

function done(summary, latency, requests)
  local bad_total, by_status, sample, laps = 0, {}, "", 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    laps = math.max(laps, t:get("k") / (t:get("m") * 2 * #dates))
    for s, c in pairs(t:get("statuses")) do by_status[s] = (by_status[s] or 0) + c end
    if sample == "" then sample = t:get("first_error") end
  end
  local parts = {}
  for s, c in pairs(by_status) do parts[#parts + 1] = s .. "=" .. c end
  io.write(string.format("non-201: %d [%s]; busiest thread used %.0f%% of its distinct slots\n",
    bad_total, table.concat(parts, " "), 100 * laps))
  if sample ~= "" then io.write("first non-201: " .. sample .. "\n") end
end
