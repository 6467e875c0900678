using Microsoft.Playwright;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Microsoft.Playwright through ExecutablePath
/// (Playwright's own browser download is never called: it cannot work on the CI machines). eng/browser/install.sh
/// installs the package; CREDITOS_CHROMIUM overrides the path.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "CREDITOS_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executable}: run eng/browser/install.sh (eng/test.sh does) or set {ExecutableVariable}.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            // A loaded 2-core machine can take long to start a browser.
            Timeout = (float)BrowserTimeouts.Launch.TotalMilliseconds,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one Chromium and run one at a time (the machine has 2 cores shared by many).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}

/// <summary>Generous limits: every wait in these tests waits for a condition, these only bound a hung browser.</summary>
public static class BrowserTimeouts
{
    public static readonly TimeSpan Launch = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan Condition = TimeSpan.FromMinutes(2);
}
