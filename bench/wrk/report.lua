-- Used by bench/run.sh for every wrk run: prints one machine-readable line when the run ends.
-- With BENCH_WORDS (a file of URL-encoded words) every request asks BENCH_PATH .. <next word>, so each
-- text search is a different one. With BENCH_NONCE=1 every request also carries an Authorization header,
-- with which the output cache neither answers nor stores a request (its default policy), so the run measures
-- the page uncached. (The "&v=<thread>-<n>" it also gets no longer does that: the cache keys only on the
-- query keys a page reads, so an unknown key is the same cached page.)

local started = 0

function setup(thread)
   -- Threads start at different places in the word list and count under their own prefix.
   thread:set("offset", started * 97)
   thread:set("thread_no", started)
   started = started + 1
end

function init(args)
   prefix = os.getenv("BENCH_PATH")
   n = offset or 0
   local file = os.getenv("BENCH_WORDS")
   if file and file ~= "" then
      words = {}
      for line in io.lines(file) do
         if line ~= "" then words[#words + 1] = line end
      end
   end
   if os.getenv("BENCH_NONCE") == "1" then
      -- The start time too, so that the "alone" run and the load run of one page never repeat a URL.
      nonce = string.format("%d.%d", os.time() % 100000, thread_no or 0)
      separator = (prefix and prefix:find("?", 1, true)) and "&" or "?"
   end
end

function request()
   if not words and not nonce then return wrk.request() end
   n = n + 1
   local path = prefix
   if words then path = path .. words[(n % #words) + 1] end
   if nonce then
      path = path .. separator .. "v=" .. nonce .. "-" .. n
      return wrk.format("GET", path, { ["Authorization"] = "Bench uncached" })
   end
   return wrk.format("GET", path)
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d rps=%.2f p50=%.3f p99=%.3f max=%.3f socket_errors=%d timeouts=%d non2xx=%d\n",
      summary.requests, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      e.connect + e.read + e.write, e.timeout, e.status))
end
