-- wrk prints the 50th, 75th, 90th and 99th percentiles; the targets are set on the 95th.
done = function(summary, latency, requests)
  io.write(string.format("p95 %.3f ms\n", latency:percentile(95) / 1000))
end
