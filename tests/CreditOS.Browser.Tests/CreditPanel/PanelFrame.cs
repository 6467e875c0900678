using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace CreditOS.Browser.Tests.CreditPanel;

/// <summary>The credit panel's frame on a form, once it has read the credit picture.</summary>
internal sealed class PanelFrame(FormPage form, IFrame frame)
{
    public FormPage Form { get; } = form;

    public IFrame Frame { get; } = frame;

    public static async Task<PanelFrame> WaitForAsync(FormPage form, string controlId)
    {
        await form.WaitUntilAsync($"(function () {{ var f = document.getElementById('{controlId}'); return f && f.contentDocument && f.contentDocument.body && ['ready', 'error'].indexOf(f.contentDocument.body.getAttribute('data-state')) >= 0; }})()");
        var frame = form.WebResourceFrame(controlId);
        var state = await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')");
        if (state != "ready")
        {
            Assert.Fail("The credit panel did not render: " + await frame.Locator("#status").TextContentAsync());
        }

        return new PanelFrame(form, frame);
    }

    public async Task<decimal> FigureAsync(string name)
    {
        var value = await Frame.Locator($"[data-figure='{name}']").GetAttributeAsync("data-value");
        return decimal.Parse(value ?? throw new InvalidOperationException($"The panel shows no figure {name}."), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public async Task<decimal> BucketAsync(string bucket)
    {
        var value = await Frame.Locator($"tr[data-bucket='{bucket}'] td[data-value]").GetAttributeAsync("data-value");
        return decimal.Parse(value ?? "", NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public async Task<(string Count, string Amount)> PromisesAsync(string status)
    {
        var row = Frame.Locator($"tr[data-promises='{status}']");
        return (await row.GetAttributeAsync("data-count") ?? "", await row.GetAttributeAsync("data-amount") ?? "");
    }
}
