namespace CreditOS.Integration.Worker.Messages;

/// <summary>
/// The content types each source format may arrive with. A message that states a content type its format cannot
/// have (a CSV labelled JSON, XML sent as a payment advice) is refused before conversion: parsing it anyway would
/// either fail obscurely or, worse, read figures from the wrong shape. A message without a content type is judged by
/// its format alone (the ERPs and channels feeding the queues do not all set one).
/// </summary>
public static class FormatContentTypes
{
    private static readonly string[] Json = ["application/json", "text/json"];
    private static readonly string[] Csv = ["text/csv", "text/plain", "application/csv"];
    private static readonly string[] Xml = ["application/xml", "text/xml"];
    private static readonly string[] Edifact = ["application/edifact", "application/edi-x12", "text/plain"];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sap.payment-advice"] = Json,
        ["sap.payment-reversal"] = Json,
        ["d365fin.customer-payment-journal-line"] = Json,
        ["legacy.payment-csv"] = Csv,
        ["sap.open-item"] = Json,
        ["legacy.receivable-csv"] = Csv,
        ["bureau.report"] = Json,
        ["webshop.order"] = Json,
        ["edi.orders"] = Edifact,
        ["partnerportal.order"] = Xml,
    };

    public static bool Knows(string format) => Allowed.ContainsKey(format);

    /// <summary>Null when the content type fits the format (or none is given); otherwise why it does not.</summary>
    public static string? Mismatch(string format, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        if (!Allowed.TryGetValue(format, out var allowed))
        {
            return $"format {format} has no known content types; add it to {nameof(FormatContentTypes)}.";
        }

        var mediaType = contentType.Split(';')[0].Trim();
        var structuredJson = allowed == Json && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        var structuredXml = allowed == Xml && mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
        return allowed.Contains(mediaType, StringComparer.OrdinalIgnoreCase) || structuredJson || structuredXml
            ? null
            : $"the message's content type is '{contentType}', but format {format} is {string.Join(" or ", allowed)}; correct the sender's content type or subject.";
    }
}
