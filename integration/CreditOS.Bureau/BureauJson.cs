using System.Text.Json;

namespace CreditOS.Bureau;

internal static class BureauJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
