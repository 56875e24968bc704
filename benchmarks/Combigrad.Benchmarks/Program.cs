using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Combigrad.Benchmarks -- --filter '*'       (all suites)
// dotnet run -c Release --project benchmarks/Combigrad.Benchmarks -- --filter '*Tsp*'   (one suite)
BenchmarkSwitcher.FromAssembly(typeof(Combigrad.Benchmarks.SolverComparisonBenchmark).Assembly).Run(args);
