// The suites start whole hosts, a browser and a thousand concurrent requests: on a 2-core machine they run one at a
// time, so that the latencies measured are the host's and no test starves another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
