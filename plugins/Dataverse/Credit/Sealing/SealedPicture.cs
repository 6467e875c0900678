using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// A row a nightly page computed, carried by the integration worker to its bulk write without the worker being able to read
/// or change it (session 25): the columns (<see cref="PictureCodec"/>) and the basis, the row version of the account they were
/// computed from, are encrypted (AES-256-CBC, a fresh IV each) and then sealed (HMAC-SHA256 over the table, the row id, the IV
/// and the cipher text: encrypt-then-MAC), both keys derived from the organization's seal key (<see cref="SealKey"/>). So a
/// picture opens only for the row and table it was sealed for, any changed byte refuses it, and the scores that field
/// security withholds from the worker's role stay unreadable to it on the way. Text form:
/// <c>v1.{iv}.{cipher}.{mac}</c>, base64 parts.
/// </summary>
public static class SealedPicture
{
    private const string Version = "v1";

    public static string Seal(byte[] key, string table, Guid id, long basis, IEnumerable<KeyValuePair<string, object?>> columns)
    {
        var plain = Encoding.UTF8.GetBytes(basis.ToString(CultureInfo.InvariantCulture) + "#" + PictureCodec.Write(columns));
        byte[] iv;
        byte[] cipher;
        using (var aes = Aes.Create())
        {
            aes.Key = Derive(key, "encrypt");
            aes.GenerateIV();
            iv = aes.IV;
            using var encryptor = aes.CreateEncryptor();
            cipher = encryptor.TransformFinalBlock(plain, 0, plain.Length);
        }

        return Version + "." + Convert.ToBase64String(iv) + "." + Convert.ToBase64String(cipher) + "." + Convert.ToBase64String(Mac(key, table, id, iv, cipher));
    }

    /// <summary>The picture sealed for this table and row with this key; null when it was not (altered, forged, another row's, another key's).</summary>
    public static OpenedPicture? Open(byte[] key, string table, Guid id, string? sealedText)
    {
        var parts = (sealedText ?? string.Empty).Split('.');
        if (parts.Length != 4 || parts[0] != Version)
        {
            return null;
        }

        byte[] iv;
        byte[] cipher;
        byte[] mac;
        try
        {
            iv = Convert.FromBase64String(parts[1]);
            cipher = Convert.FromBase64String(parts[2]);
            mac = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!SameBytes(mac, Mac(key, table, id, iv, cipher)))
        {
            return null;
        }

        // Sealed by the credit flow: from here on a fault is a defect, not a forgery, and says so.
        using var aes = Aes.Create();
        aes.Key = Derive(key, "encrypt");
        aes.IV = iv;
        using var decryptor = aes.CreateDecryptor();
        var plain = Encoding.UTF8.GetString(decryptor.TransformFinalBlock(cipher, 0, cipher.Length));
        var hash = plain.IndexOf('#');
        return new OpenedPicture(long.Parse(plain.Substring(0, hash), NumberStyles.Integer, CultureInfo.InvariantCulture), PictureCodec.Read(plain.Substring(hash + 1)));
    }

    private static byte[] Mac(byte[] key, string table, Guid id, byte[] iv, byte[] cipher)
    {
        var header = Encoding.UTF8.GetBytes(Version + "|" + table + "|" + id.ToString("D") + "|");
        var message = new byte[header.Length + iv.Length + cipher.Length];
        Buffer.BlockCopy(header, 0, message, 0, header.Length);
        Buffer.BlockCopy(iv, 0, message, header.Length, iv.Length);
        Buffer.BlockCopy(cipher, 0, message, header.Length + iv.Length, cipher.Length);
        using var hmac = new HMACSHA256(Derive(key, "seal"));
        return hmac.ComputeHash(message);
    }

    /// <summary>One key for each use, from the organization's key.</summary>
    private static byte[] Derive(byte[] key, string use)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes("creditOS sealed picture " + use));
    }

    /// <summary>Compares in time independent of where they differ (CryptographicOperations.FixedTimeEquals is not in .NET Framework 4.6.2).</summary>
    private static bool SameBytes(byte[] one, byte[] two)
    {
        if (one.Length != two.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < one.Length; i++)
        {
            difference |= one[i] ^ two[i];
        }

        return difference == 0;
    }
}

/// <summary>An opened picture: the row version it was computed from (0 for a new row) and its columns.</summary>
public sealed class OpenedPicture(long basis, IReadOnlyList<KeyValuePair<string, object?>> columns)
{
    public long Basis { get; } = basis;

    public IReadOnlyList<KeyValuePair<string, object?>> Columns { get; } = columns;
}
