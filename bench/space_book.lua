-- SPDX-License-Identifier: EUPL-1.2
-- wrk script: POST /api/v1/space-bookings where every request is a distinct quarter of an
-- hour of one collective space, so that nearly all of them should answer 201.
--
-- Configuration: the file named by $SPACE_BOOK_CFG (written by bench.py), one item a line:
--   "date 2026-03-03" (dates in winter time, +01:00), "space 17", "token <64 hex>".
-- Script argument (after --): the number of wrk threads.
--
-- Thread i of n owns the i-th slice of the spaces and of the residents. Its k-th request
-- books space slice[j] for resident slice[j], j = k mod m, on quarter k div m (date-major,
-- 44 quarters a day from 08:00 to 19:00): no two requests share a space and a quarter.

local dates, spaces, tokens = {}, {}, {}
for line in io.lines(os.getenv("SPACE_BOOK_CFG")) do
  local key, value = line:match("^(%a+) (%S+)$")
  if key == "date" then dates[#dates + 1] = value
  elseif key == "space" then spaces[#spaces + 1] = value
  elseif key == "token" then tokens[#tokens + 1] = value end
end

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

my_spaces, my_tokens, m, k = {}, {}, 0, 0
local function slice(list, i, n)
  local out = {}
  for p = math.floor(i * #list / n) + 1, math.floor((i + 1) * #list / n) do out[#out + 1] = list[p] end
  return out
end

function init(args)
  local n = tonumber(args[1]) or 1
  my_spaces, my_tokens = slice(spaces, index, n), slice(tokens, index, n)
  m = math.min(#my_spaces, #my_tokens)
  bad, statuses, first_error = 0, {}, ""
end

function request()
  local j, slot = k % m, math.floor(k / m) % (44 * #dates)
  k = k + 1
  local date, quarter = dates[math.floor(slot / 44) + 1], slot % 44
  local from = 8 * 60 + 15 * quarter
  local to = from + 15
  local body = string.format(
    '{"space_id":%s,"start":"%sT%02d:%02d:00+01:00","end":"%sT%02d:%02d:00+01:00","attendees":1,"subject":"Banc d\'essai"}',
    my_spaces[j + 1], date, math.floor(from / 60), from % 60, date, math.floor(to / 60), to % 60)
  return wrk.format("POST", "/api/v1/space-bookings",
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
  local bad_total, by_status, sample = 0, {}, ""
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    for s, c in pairs(t:get("statuses")) do by_status[s] = (by_status[s] or 0) + c end
    if sample == "" then sample = t:get("first_error") end
  end
  local parts = {}
  for s, c in pairs(by_status) do parts[#parts + 1] = s .. "=" .. c end
  io.write(string.format("non-201: %d [%s]\n", bad_total, table.concat(parts, " ")))
  if sample ~= "" then io.write("first non-201: " .. sample .. "\n") end
end
