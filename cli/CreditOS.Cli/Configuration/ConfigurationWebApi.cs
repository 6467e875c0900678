using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CreditOS.Cli.Configuration;

/// <summary>Dataverse refused a request of <c>creditos config</c>; the message names the request and Dataverse's reason.</summary>
public sealed class ConfigurationRequestException(string message) : Exception(message);

/// <summary>The few Web API requests <c>creditos config</c> makes, as the signed-in person (the client's token).</summary>
public sealed class ConfigurationWebApi(HttpClient http)
{
    /// <param name="path">Relative to the service root (…/api/data/v9.2/).</param>
    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConfigurationRequestException("GET " + path + " was refused (" + (int)response.StatusCode + "): " + ErrorOf(body));
        }

        return JsonNode.Parse(body) as JsonObject ?? throw new ConfigurationRequestException("GET " + path + " answered no JSON object.");
    }

    /// <summary>Creates a row and answers its id (from OData-EntityId).</summary>
    public async Task<Guid> CreateAsync(string entitySet, JsonObject row)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(entitySet, UriKind.Relative)) { Content = JsonContent.Create(row) };
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new ConfigurationRequestException(ErrorOf(text) + " (POST " + entitySet + ", " + (int)response.StatusCode + ")");
        }

        var location = response.Headers.TryGetValues("OData-EntityId", out var values) ? values.First() : response.Headers.Location?.ToString() ?? string.Empty;
        var open = location.LastIndexOf('(');
        return open >= 0 && Guid.TryParse(location[(open + 1)..].TrimEnd(')'), out var id) ? id : Guid.Empty;
    }

    private static string ErrorOf(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["error"]?["message"] ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
