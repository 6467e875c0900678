using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

// Run all: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*'
if (!CreditOS.Benchmarks.FirstGenerationBudget.IsChosen)
{
    return CreditOS.Benchmarks.FirstGenerationBudget.RunAgainWithFixedBudget(args);
}

// Out of process (the default), BenchmarkDotNet builds a generated project that references this one, so the whole
// reference graph (engine, plug-ins, local Dataverse, worker...) is compiled again without the compiler server. That
// takes minutes on a busy 2-core machine, past BenchmarkDotNet's default 2-minute build timeout, which made every
// out-of-process run fail before measuring anything. The timeout is raised here; the build itself is unchanged.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(30));
var switcher = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly);
if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase))
{
    switcher.Run(args, config);
    return 0;
}

// --inProcess makes BenchmarkDotNet turn the command line's job into a mutator carrying its default in-process toolchain
// (InProcessEmitToolchain.Instance, 5 minutes per benchmark), applied over every class's own jobs: a class that declares its
// own in-process toolchain with a longer allowance (LookupEqualityBenchmark: 20 minutes, NightlyRescoreBenchmark: 90)
// lost it and timed out under load (session 24 audit). Those classes already run in process, so they run without the
// switch and without --job (their config names their job; a plain --job would add an out-of-process job beside it); the
// other classes get --inProcess as given.
var benchmarks = typeof(Program).Assembly.GetTypes()
    .Where(type => type.IsClass && !type.IsAbstract && type.GetMethods().Any(method => method.IsDefined(typeof(BenchmarkAttribute), inherit: true)))
    .ToArray();
var ownInProcess = benchmarks.Where(DeclaresInProcessToolchain).ToArray();
var others = benchmarks.Except(ownInProcess).ToArray();
BenchmarkSwitcher.FromTypes(ownInProcess).Run(WithoutInProcessAndJob(args), config);
BenchmarkSwitcher.FromTypes(others).Run(args, config);
return 0;

static bool DeclaresInProcessToolchain(Type type) =>
    type.GetCustomAttributes(inherit: true).OfType<IConfigSource>()
        .SelectMany(source => source.Config.GetJobs())
        .Any(job => job.Infrastructure.Toolchain is InProcessEmitToolchain or InProcessNoEmitToolchain);

static string[] WithoutInProcessAndJob(string[] args)
{
    var kept = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (string.Equals(args[i], "--inProcess", StringComparison.OrdinalIgnoreCase))
        {
            continue;
        }

        if (string.Equals(args[i], "--job", StringComparison.OrdinalIgnoreCase) || string.Equals(args[i], "-j", StringComparison.OrdinalIgnoreCase))
        {
            i++; // and its value
            continue;
        }

        kept.Add(args[i]);
    }

    return [.. kept];
}
