using Microsoft.Playwright;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// Screenshots for the README: only when CREDITOS_SCREENSHOTS names a folder (eng/browser/screenshots.sh sets it),
/// a test saves the page as it is at that point. Tests never depend on it.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "CREDITOS_SCREENSHOTS";

    public static async Task SaveIfRequestedAsync(IPage page, string fileName)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable(FolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), FullPage = true });
    }
}
