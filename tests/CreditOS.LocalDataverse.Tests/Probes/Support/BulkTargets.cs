using System.Text.Json.Nodes;

namespace CreditOS.LocalDataverse.Tests.Probes.Support;

/// <summary>The body of a bulk operation action over the Web API (CreateMultiple, UpdateMultiple, UpsertMultiple): <c>{"Targets": [rows]}</c>.</summary>
internal static class BulkTargets
{
    public static JsonObject Of(params JsonObject[] rows) => new() { ["Targets"] = new JsonArray(rows) };
}
