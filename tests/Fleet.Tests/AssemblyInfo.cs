using Xunit;

// Each test class runs a whole fleet of processes: one at a time on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
