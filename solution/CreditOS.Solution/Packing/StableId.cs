using System.Security.Cryptography;
using System.Text;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Ids the packer invents (plugin assembly, plugin type, image) must not change between packs, or an
/// upgrade would see new components. They are derived from the component's name (RFC 4122 version 5 style).
/// </summary>
public static class StableId
{
    public static Guid For(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
#pragma warning disable CA5350 // SHA1 names ids here (as UUID v5 does); it protects nothing.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("creditOS/" + kind + "/" + name));
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
