using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// One request to the local Web API host as a signed-in person (optionally on behalf of another, by
/// <c>MSCRMCallerID</c> or <c>CallerObjectId</c>), and Dataverse's answer: the status, the error's code and message
/// when it refused, and the body. Shared by the control tests that go through the Web API.
/// </summary>
internal static class WebApiCall
{
    public static async Task<WebApiAnswer> SendAsync(
        HttpClient client, HttpMethod method, string path, JsonObject? body, Guid? onBehalfOf = null, Guid? objectId = null, (string Name, string Value)? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (onBehalfOf is { } user)
        {
            request.Headers.Add("MSCRMCallerID", user.ToString("D"));
        }

        if (headers is { } header)
        {
            request.Headers.Add(header.Name, header.Value);
        }

        if (objectId is { } entra)
        {
            request.Headers.Add("CallerObjectId", entra.ToString("D"));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? null : JsonNode.Parse(text);
        var error = json?["error"];
        return new WebApiAnswer(response.StatusCode, error?["code"]?.GetValue<string>() ?? string.Empty, error?["message"]?.GetValue<string>() ?? string.Empty, json);
    }

    /// <summary>The answer has <paramref name="status"/> and its message holds <paramref name="message"/>.</summary>
    public static void AssertAnswer(WebApiAnswer answer, HttpStatusCode status, string message)
    {
        Assert.Equal(status, answer.Status);
        Assert.Contains(message, answer.Message, StringComparison.Ordinal);
    }

    /// <summary>A guard refused: Dataverse's 400 with the guard's message.</summary>
    public static void AssertRefused(WebApiAnswer answer, string message) => AssertAnswer(answer, HttpStatusCode.BadRequest, message);
}

/// <summary>Dataverse's answer to one Web API request.</summary>
internal sealed record WebApiAnswer(HttpStatusCode Status, string Code, string Message, JsonNode? Body);
