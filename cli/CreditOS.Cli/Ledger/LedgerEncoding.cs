using System.Globalization;
using System.Text;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Opens a ledger file in the encoding it was written in. A byte order mark says it (UTF-8, UTF-16 as Excel's
/// "Unicode text" writes it, UTF-32); UTF-16 without one shows in its zero bytes; otherwise a file that is valid UTF-8
/// is read as UTF-8 and any other as Windows-1252 (Latin-1 and the Western European spreadsheets' ANSI), because
/// reading Latin-1 as UTF-8 turns "Müller" and "Mäller" into one customer "M�ller" without a word. The check streams
/// the file once (64 KB at a time) before it is read: nothing is held in memory.
/// </summary>
public static class LedgerEncoding
{
    private const int Chunk = 1 << 16;

    /// <summary>A reader over <paramref name="file"/> in its encoding, and a note when that is not plain UTF-8.</summary>
    public static StreamReader Open(FileInfo file, out string? note)
    {
        ArgumentNullException.ThrowIfNull(file);
        var encoding = Detect(file.FullName, out note);
        return new StreamReader(file.FullName, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = Chunk });
    }

    /// <summary>The encoding of the file at <paramref name="path"/>; <paramref name="note"/> says which when it is not UTF-8.</summary>
    public static Encoding Detect(string path, out string? note)
    {
        note = null;
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(Chunk, stream.Length)];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head.AsSpan(0, read);
        RefuseWorkbook(span);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            note = "read as UTF-32 (its byte order mark says so)";
            return span[0] == 0xFF ? new UTF32Encoding(false, true) : new UTF32Encoding(true, true);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            note = "read as UTF-16 (its byte order mark says so: a spreadsheet's \"Unicode text\")";
            return span[0] == 0xFF ? new UnicodeEncoding(false, true) : new UnicodeEncoding(true, true);
        }

        // UTF-16 without a mark: text in Latin letters has a zero byte in every other position.
        var evenZeros = 0;
        var oddZeros = 0;
        for (var i = 0; i + 1 < span.Length; i += 2)
        {
            evenZeros += span[i] == 0 ? 1 : 0;
            oddZeros += span[i + 1] == 0 ? 1 : 0;
        }

        var pairs = span.Length / 2;
        if (pairs >= 4 && (oddZeros > pairs * 0.4 || evenZeros > pairs * 0.4) && Math.Min(evenZeros, oddZeros) < pairs * 0.05)
        {
            var littleEndian = oddZeros > evenZeros;
            note = "read as UTF-16 " + (littleEndian ? "little" : "big") + "-endian (no byte order mark, but every other byte is zero)";
            return new UnicodeEncoding(!littleEndian, false);
        }

        if (FirstInvalidUtf8(stream, head, read) is { } invalid)
        {
            note = "read as Windows-1252 (Latin-1): the file is not UTF-8 (line " + invalid.ToString(CultureInfo.InvariantCulture)
                + " has a byte UTF-8 cannot read); accented names are kept as written";
            return Windows1252();
        }

        return new UTF8Encoding(false);
    }

    /// <summary>
    /// A spreadsheet handed over as it was saved (.xlsx is a zip archive, the old .xls a compound document) is not text:
    /// read as Windows-1252 it would fail later as "no header", which tells no one what to do. Refused at once, saying so.
    /// </summary>
    private static void RefuseWorkbook(ReadOnlySpan<byte> head)
    {
        var kind = head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])
            ? "an Excel workbook (.xlsx) or another zip archive"
            : head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
                ? "an Excel 97-2003 workbook (.xls)"
                : null;
        if (kind is not null)
        {
            throw new CreditOS.CreditEngine.Backtesting.BacktestFormatException(
                1, "the file is " + kind + ", not text; open it in the spreadsheet and save the ledger sheet as CSV (CSV UTF-8, or Unicode text).");
        }
    }

    /// <summary>The line of the first byte sequence that is not UTF-8, or null when the whole stream is UTF-8.</summary>
    private static int? FirstInvalidUtf8(Stream stream, byte[] buffer, int read)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[buffer.Length + 4];
        var line = 1;
        while (read > 0)
        {
            try
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                line += chars.AsSpan(0, count).Count('\n');
            }
            catch (DecoderFallbackException)
            {
                // The line is counted up to the chunk that holds the bad byte: exact enough to find it.
                var valid = buffer.AsSpan(0, read);
                var bad = InvalidAt(valid);
                return line + valid[..bad].Count((byte)'\n');
            }

            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        return null;
    }

    /// <summary>The index of the first byte of <paramref name="bytes"/> that starts no valid UTF-8 sequence.</summary>
    private static int InvalidAt(ReadOnlySpan<byte> bytes)
    {
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: true);
        return consumed;
    }

    private static Encoding Windows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
