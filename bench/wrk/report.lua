-- Used by bench/run.sh for every wrk run: prints one machine-readable line when the run ends.
-- With BENCH_WORDS (a file of URL-encoded words) every request asks BENCH_PATH .. <next word>, so each
-- text search is a different one and no cache can answer it.

local started = 0

function setup(thread)
   -- Threads start at different places in the word list.
   thread:set("offset", started * 97)
   started = started + 1
end

function init(args)
   local file = os.getenv("BENCH_WORDS")
   if file and file ~= "" then
      words = {}
      for line in io.lines(file) do
         if line ~= "" then words[#words + 1] = line end
      end
      prefix = os.getenv("BENCH_PATH")
      n = offset or 0
   end
end

function request()
   if words then
      n = n + 1
      return wrk.format("GET", prefix .. words[(n % #words) + 1])
   end
   return wrk.request()
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
