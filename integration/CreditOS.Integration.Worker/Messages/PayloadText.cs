using System.Globalization;
using System.Text;

namespace CreditOS.Integration.Worker.Messages;

/// <summary>
/// A text payload (CSV, EDIFACT, XML) decoded as its sender wrote it. The charset its content type states is used
/// (<c>text/csv; charset=windows-1252</c>: Windows ERPs export CSV that way); without one, UTF-8. Decoding is strict: a
/// byte the charset cannot read is refused, naming it and where it is, instead of becoming U+FFFD. A replacement
/// character would merge ids that differ in that letter into one alternate key (the second invoice upserted over the first
/// as if it were its credit note) and leave an id no payment can ever name. JSON is read by System.Text.Json from the
/// bytes, which refuses invalid UTF-8 itself.
/// </summary>
public static class PayloadText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> payload, string? contentType)
    {
        var charset = Charset(contentType);
        var encoding = charset is null ? StrictUtf8 : Strict(charset);
        try
        {
            return encoding.GetString(payload);
        }
        catch (DecoderFallbackException exception)
        {
            var bytes = exception.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture))) : "a byte";
            throw new PayloadException(charset is null
                ? $"the body is not valid UTF-8: byte {bytes} at offset {exception.Index}; state its charset in the content type (for example text/csv; charset=windows-1252) or send UTF-8. Nothing was written."
                : $"the body is not valid {charset} (its content type's charset): byte {bytes} at offset {exception.Index}. Nothing was written.");
        }
    }

    /// <summary>The charset parameter of a content type (quotes removed), or null when it states none.</summary>
    public static string? Charset(string? contentType) =>
        (contentType ?? string.Empty).Split(';').Skip(1)
            .Select(parameter => parameter.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1].Trim().Trim('"').Trim())
            .FirstOrDefault(name => name.Length > 0);

    private static Encoding Strict(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            // Code pages such as windows-1252 come from the code-pages provider (part of .NET, not registered by default).
            return CodePagesEncodingProvider.Instance.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? throw new PayloadException($"the content type names charset '{charset}', which this worker cannot read; send UTF-8 or a charset .NET knows (windows-1252, iso-8859-1, …). Nothing was written.");
        }
    }
}
