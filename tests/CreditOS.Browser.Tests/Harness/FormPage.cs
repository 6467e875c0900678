using System.Text.Json;
using Microsoft.Playwright;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>A model-driven form open in Chromium: its command bar, web resources and what the Xrm stand-in recorded.</summary>
public sealed class FormPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Clicks the command bar button with that label and waits until its function has settled.</summary>
    public async Task RunCommandAsync(string label)
    {
        var before = await Page.EvaluateAsync<int>("XrmStandIn.state.commands.length");
        await Page.Locator("#commandbar button", new PageLocatorOptions { HasTextString = label }).ClickAsync();
        await WaitUntilAsync($"XrmStandIn.state.commands.length > {before} && XrmStandIn.state.commands[{before}].settled");
        var error = await Page.EvaluateAsync<string?>($"XrmStandIn.state.commands[{before}].error");
        Assert.True(error is null, $"The command '{label}' failed in the browser: {error}");
    }

    public Task<bool> IsCommandEnabledAsync(string label) =>
        Page.Locator("#commandbar button", new PageLocatorOptions { HasTextString = label }).IsEnabledAsync();

    /// <summary>Whether a person can type into the column: every control of it on the form is editable (none if it has no control).</summary>
    public async Task<bool> IsColumnEditableAsync(string column)
    {
        var controls = await Page.Locator($"#fields input[data-column='{column}']").AllAsync();
        Assert.True(controls.Count > 0, $"The form has no control for {column}.");
        foreach (var control in controls)
        {
            if (!await control.IsEditableAsync())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the column's control shows a person (the text in its input), as a model-driven form formats it.</summary>
    public async Task<string> ShownTextAsync(string column)
    {
        var control = Page.Locator($"#fields input[data-column='{column}']").First;
        Assert.True(await control.CountAsync() > 0, $"The form has no control for {column}.");
        return await control.InputValueAsync();
    }

    /// <summary>The form notification a script set with that unique id, or null.</summary>
    public Task<string?> FormNotificationAsync(string uniqueId) =>
        Page.EvaluateAsync<string?>($"(XrmStandIn.state.notifications['{uniqueId}'] || {{}}).message || null");

    /// <summary>The dialogs scripts opened through Xrm.Navigation, in order.</summary>
    public async Task<IReadOnlyList<XrmDialog>> DialogsAsync()
    {
        var json = await Page.EvaluateAsync<string>("JSON.stringify(XrmStandIn.state.dialogs)");
        return JsonSerializer.Deserialize<List<XrmDialog>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
    }

    /// <summary>Evaluates a JavaScript expression (a promise is awaited) and reads its JSON into T.</summary>
    public async Task<T> EvaluateJsonAsync<T>(string expression)
    {
        var json = await Page.EvaluateAsync<string>($"Promise.resolve({expression}).then(function (result) {{ return JSON.stringify(result); }})");
        return JsonSerializer.Deserialize<T>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public Task<bool> IsProgressIndicatorVisibleAsync() => Page.EvaluateAsync<bool>("XrmStandIn.state.progress.visible");

    public Task<int> FormLoadsAsync() => Page.EvaluateAsync<int>("XrmStandIn.state.formLoads");

    public Task<string?> AttributeValueAsync(string column) =>
        Page.EvaluateAsync<string?>($"(function(){{var a = XrmStandIn.formContext.getAttribute('{column}'); var v = a && a.getValue(); return v === null || v === undefined ? null : (v instanceof Date ? v.toISOString() : String(v));}})()");

    /// <summary>The web resource control's frame (e.g. the credit panel), once its document has loaded.</summary>
    public IFrame WebResourceFrame(string controlId) =>
        Page.Frame(controlId) ?? throw new InvalidOperationException($"The form has no web resource control '{controlId}'.");

    /// <summary>Waits for a JavaScript condition on the page (never a fixed delay).</summary>
    public Task WaitUntilAsync(string condition) =>
        Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Condition.TotalMilliseconds, PollingInterval = 50 });

    public async Task AssertNoStandInFailuresAsync()
    {
        var failures = await Page.EvaluateAsync<string[]>("XrmStandIn.state.failures");
        Assert.True(failures.Length == 0, "The Xrm stand-in recorded failures: " + string.Join(" | ", failures));
    }
}

public sealed record XrmDialog(string Kind, string? Text, string? Title);
