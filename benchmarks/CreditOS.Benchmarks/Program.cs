using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*'
// Out of process (the default), BenchmarkDotNet builds a generated project that references this one, so the whole
// reference graph (engine, plug-ins, local Dataverse, worker...) is compiled again without the compiler server. That
// takes minutes on a busy 2-core machine, past BenchmarkDotNet's default 2-minute build timeout, which made every
// out-of-process run fail before measuring anything. The timeout is raised here; the build itself is unchanged.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(30));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
